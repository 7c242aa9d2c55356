import type { LLMProviderConfig } from '@llm/core';
import { OpenAICompatibleProvider } from '../provider/openai-compatible-provider';
import type { OpenAICompatibleProviderOptions } from '../provider/openai-compatible-options';
import { createOpenAIClient } from './create-openai-client';

/** Any seam of the shared provider may be replaced (e.g. `createClient` with a custom `fetch`). */
export type OpenAIProviderOptions = Partial<OpenAICompatibleProviderOptions>;

/** The `openai` provider type: OpenAI's Chat Completions, embeddings and models endpoints. */
export class OpenAIProvider extends OpenAICompatibleProvider {
  constructor(config: LLMProviderConfig, options: OpenAIProviderOptions = {}) {
    super(config, { createClient: createOpenAIClient, ...options });
  }
}
