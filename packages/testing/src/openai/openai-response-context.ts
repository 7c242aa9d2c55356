import { randomIds } from '../ids/random-ids';

/** Fields every object of one OpenAI response shares. */
export interface OpenAIResponseContext {
  readonly id: string;
  readonly created: number;
  readonly model: string;
}

export const SYSTEM_FINGERPRINT = 'fp_llmsim0001';

export function newOpenAIResponseContext(model: string): OpenAIResponseContext {
  return { id: randomIds.chatCompletion(), created: Math.floor(Date.now() / 1000), model };
}
