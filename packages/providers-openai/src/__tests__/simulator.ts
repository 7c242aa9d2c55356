import type { LLMModelConfig, LLMProviderConfig, LLMStreamChunk } from '@llm/core';
import { startSimulator, type Simulator } from '@llm/testing';
import { afterAll, afterEach, beforeAll } from 'vitest';

/** The key every test config sends; assertions check it never leaks. */
export const TEST_API_KEY = 'sk-test-providers-openai-0123456789';

/** Starts one simulator for the file, forgets its log and queue after each test, closes it at the end. */
export function useSimulator(): { readonly current: Simulator } {
  const holder: { current: Simulator } = { current: undefined as unknown as Simulator };
  beforeAll(async () => {
    holder.current = await startSimulator();
  });
  afterEach(() => holder.current.reset());
  afterAll(async () => holder.current.close());
  return holder;
}

const DEFAULT_MODELS: LLMModelConfig[] = [
  { name: 'gpt-4o', supports_vision: true, supports_tools: true },
  { name: 'gpt-4o-mini' },
  { name: 'text-only', model_id: 'gpt-3.5-turbo', supports_vision: false },
  { name: 'o3-mini' },
  { name: 'text-embedding-3-small', mode: 'embedding' },
];

export function openAIConfig(
  simulator: Simulator,
  overrides: Partial<LLMProviderConfig> = {},
): LLMProviderConfig {
  return {
    name: 'openai',
    type: 'openai',
    api_key: TEST_API_KEY,
    base_url: simulator.openaiBaseURL,
    models: DEFAULT_MODELS,
    enabled: true,
    timeout: 10_000,
    max_retries: 0,
    ...overrides,
  };
}

export function azureConfig(
  simulator: Simulator,
  overrides: Partial<LLMProviderConfig> = {},
): LLMProviderConfig {
  return {
    name: 'azure',
    type: 'azure',
    api_key: TEST_API_KEY,
    endpoint: simulator.azureEndpoint,
    api_version: '2024-10-21',
    models: [
      { name: 'gpt-4o', deployment: 'prod-gpt4o' },
      { name: 'gpt-5-nano', deployment: 'router' },
      {
        name: 'text-embedding-3-small',
        deployment: 'embed-small',
        mode: 'embedding',
        max_batch_size: 2,
      },
    ],
    enabled: true,
    timeout: 10_000,
    max_retries: 0,
    ...overrides,
  };
}

export const streamedText = (chunks: readonly LLMStreamChunk[]) =>
  chunks.map((chunk) => (chunk.type === 'text-delta' ? chunk.delta : '')).join('');

export { drain, recordingLogger } from '@llm/testing';
