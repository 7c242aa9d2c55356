import { randomBytes, randomUUID } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomText(length: number): string {
  const bytes = randomBytes(length);
  let text = '';
  for (const byte of bytes) text += ALPHABET[byte % ALPHABET.length];
  return text;
}

/** Ids in the shapes the real APIs use, so code that inspects prefixes sees the real thing. */
export const randomIds = {
  chatCompletion: (): string => `chatcmpl-${randomText(29)}`,
  toolCall: (): string => `call_${randomText(24)}`,
  message: (): string => `msg_01${randomText(22)}`,
  toolUse: (): string => `toolu_01${randomText(22)}`,
  openaiRequest: (): string => `req_${randomBytes(16).toString('hex')}`,
  anthropicRequest: (): string => `req_011C${randomText(20)}`,
  azureRequest: (): string => randomUUID(),
};
