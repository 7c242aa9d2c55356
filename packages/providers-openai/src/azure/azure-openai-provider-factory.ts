import type { ProviderFactory } from '@llm/core';
import { markOwnFactory } from '../register/own-factory';
import { AzureOpenAIProvider, type AzureOpenAIProviderOptions } from './azure-openai-provider';

/**
 * A factory for `type = "azure"` whose providers get `options` (e.g. an Entra ID token provider).
 * Register it with `{ override: true }` to replace the default one registered on import.
 */
export function createAzureOpenAIProviderFactory(
  options: Omit<AzureOpenAIProviderOptions, 'logger'> = {},
): ProviderFactory {
  return markOwnFactory({
    type: 'azure',
    description: 'Azure OpenAI deployments through the official openai SDK (AzureOpenAI)',
    create: (config, context) =>
      new AzureOpenAIProvider(config, { ...options, logger: context.logger }),
  });
}

/** Builds `type = "azure"` providers authenticated by `api_key` (registered on import of this package). */
export const azureOpenAIProviderFactory: ProviderFactory = createAzureOpenAIProviderFactory();
