// Test support: a ClaudeProvider pointed at the loopback simulator, and a stream collector.
import {
  LLMError,
  LLMProviderConfigSchema,
  type LLMProviderConfigInput,
  type LLMStreamChunk,
} from '@llm/core';
import type { Simulator } from '@llm/testing';
import { ClaudeProvider } from '../claude-provider';

export const TEST_API_KEY = 'sk-ant-test-0123456789abcdef';

export function claudeTestProvider(
  simulator: Pick<Simulator, 'anthropicBaseURL'>,
  fields: Partial<LLMProviderConfigInput> = {},
): ClaudeProvider {
  return new ClaudeProvider(
    LLMProviderConfigSchema.parse({
      name: 'claude-test',
      type: 'claude',
      api_key: TEST_API_KEY,
      base_url: simulator.anthropicBaseURL,
      ...fields,
    }),
  );
}

/** A one-message chat request to the model every provider test uses. */
export const userRequest = (content: string) => ({
  model: 'claude-sonnet-5-5',
  messages: [{ role: 'user' as const, content }],
});

export interface CollectedStream {
  chunks: LLMStreamChunk[];
  text: string;
  reasoning: string;
  error?: LLMError;
}

/** Reads a stream to its end; a thrown error is kept (it must be an LLMError) with the chunks before it. */
export async function collectStream(
  stream: AsyncIterable<LLMStreamChunk>,
): Promise<CollectedStream> {
  const chunks: LLMStreamChunk[] = [];
  let error: LLMError | undefined;
  try {
    for await (const chunk of stream) chunks.push(chunk);
  } catch (thrown) {
    if (!LLMError.is(thrown)) throw thrown;
    error = thrown;
  }
  const join = (type: 'text-delta' | 'reasoning-delta') =>
    chunks.map((chunk) => (chunk.type === type ? chunk.delta : '')).join('');
  return {
    chunks,
    text: join('text-delta'),
    reasoning: join('reasoning-delta'),
    ...(error && { error }),
  };
}

/** The error a promise rejects with; fails the test when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<LLMError> {
  try {
    await promise;
  } catch (error) {
    if (LLMError.is(error)) return error;
    throw error;
  }
  throw new Error('Expected the call to fail, but it succeeded');
}
