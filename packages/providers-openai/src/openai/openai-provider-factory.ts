import type { ProviderFactory } from '@llm/core';
import { markOwnFactory } from '../register/own-factory';
import { OpenAIProvider } from './openai-provider';

/** Builds `type = "openai"` providers from config (registered on import of this package). */
export const openAIProviderFactory: ProviderFactory = markOwnFactory({
  type: 'openai',
  description: 'OpenAI Chat Completions, embeddings and models through the official openai SDK',
  create: (config, context) => new OpenAIProvider(config, { logger: context.logger }),
});
