// What a protocol writer hands the server (a JSON body, SSE frames, or an error; faults are
// applied when it is sent), and the pieces every writer builds it from: SSE framing and ids in the
// shapes the real APIs use.
import { randomBytes, randomUUID } from 'node:crypto';
import type { ScriptedError } from '../simulator-types';

export type RenderedResponse =
  | { readonly kind: 'json'; readonly status: number; readonly body: unknown }
  | { readonly kind: 'stream'; readonly frames: readonly string[] }
  | { readonly kind: 'error'; readonly error: ScriptedError };

/** An SSE frame with only a `data:` line (OpenAI, Azure). */
export function dataFrame(data: unknown): string {
  return `data: ${JSON.stringify(data)}\n\n`;
}

/** An SSE frame with an `event:` line (Anthropic; its SDK ignores frames without one). */
export function eventFrame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

export const DONE_FRAME = 'data: [DONE]\n\n';

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
