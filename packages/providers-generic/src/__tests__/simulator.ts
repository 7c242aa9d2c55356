import type { LLMModelConfig, LLMProviderConfig, LLMStreamChunk } from '@llm/core';
import { startSimulator, type Simulator } from '@llm/testing';
import { afterAll, afterEach, beforeAll } from 'vitest';

/** The key test configs send; tests check where it went and that it never leaks. */
export const TEST_API_KEY = 'sk-test-providers-generic-0123456789';

/** One simulator per test file: its log and script are forgotten after each test. */
export function useSimulator(): { readonly current: Simulator } {
  const holder = { current: undefined as unknown as Simulator };
  beforeAll(async () => {
    holder.current = await startSimulator();
  });
  afterEach(() => holder.current.reset());
  afterAll(async () => holder.current.close());
  return holder;
}

const MODELS: LLMModelConfig[] = [
  { name: 'chat-model' },
  { name: 'deepseek-reasoner' },
  { name: 'embedder', mode: 'embedding' },
];

/** A parsed generic config (defaults filled) pointing at the simulator unless overridden. */
export function genericConfig(
  simulator: Simulator,
  overrides: Partial<LLMProviderConfig> = {},
): LLMProviderConfig {
  return {
    name: 'compatible',
    type: 'generic',
    api_key: TEST_API_KEY,
    base_url: simulator.openaiBaseURL,
    models: MODELS,
    enabled: true,
    timeout: 10_000,
    max_retries: 0,
    ...overrides,
  };
}

/**
 * A base URL the simulator routes nowhere: it answers only scripted replays there, without its
 * bearer-key check, so auth styles other than bearer (and none) can be seen end to end.
 */
export const unroutedBaseURL = (simulator: Simulator) => `${simulator.url}/compatible-mode/v1`;

export const textOf = (chunks: readonly LLMStreamChunk[]) =>
  chunks.map((chunk) => (chunk.type === 'text-delta' ? chunk.delta : '')).join('');

export const reasoningOf = (chunks: readonly LLMStreamChunk[]) =>
  chunks.map((chunk) => (chunk.type === 'reasoning-delta' ? chunk.delta : '')).join('');

export function finishOf(chunks: readonly LLMStreamChunk[]) {
  const last = chunks.at(-1);
  if (last?.type !== 'finish')
    throw new Error(`the stream did not finish: ${JSON.stringify(last)}`);
  return last;
}

export const ask = (content = 'hi', model = 'chat-model') => ({
  model,
  messages: [{ role: 'user' as const, content }],
});

export { drain, recordingLogger } from '@llm/testing';
