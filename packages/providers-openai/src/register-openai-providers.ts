import { defaultProviderRegistry, type ProviderFactory, type ProviderRegistry } from '@llm/core';
import {
  AzureOpenAIProvider,
  type AzureOpenAIProviderOptions,
} from './azure/azure-openai-provider';
import { OpenAIProvider } from './openai-provider';

const OWN_FACTORY = Symbol.for('@llm/providers-openai/factory');

/** Tags a factory as this package's, so a second copy of the package (ESM + CJS) can recognize it. */
export function markOwnFactory(factory: ProviderFactory): ProviderFactory {
  Object.defineProperty(factory, OWN_FACTORY, { value: true });
  return factory;
}

export function isOwnFactory(factory: ProviderFactory | undefined): boolean {
  return (
    factory !== undefined && (factory as unknown as Record<symbol, unknown>)[OWN_FACTORY] === true
  );
}

/** Builds `type = "openai"` providers from config (registered on import of this package). */
export const openAIProviderFactory: ProviderFactory = markOwnFactory({
  type: 'openai',
  description: 'OpenAI Chat Completions, embeddings and models through the official openai SDK',
  create: (config, context) => new OpenAIProvider(config, { logger: context.logger }),
});

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

/**
 * Registers the `openai` and `azure` factories. Harmless to repeat, and a second copy of this package
 * (an ESM and a CJS load) leaves the first copy's factories in place instead of failing.
 */
export function registerOpenAIProviders(
  registry: ProviderRegistry = defaultProviderRegistry(),
): void {
  for (const factory of [openAIProviderFactory, azureOpenAIProviderFactory]) {
    if (isOwnFactory(registry.get(factory.type))) continue;
    registry.register(factory);
  }
}
