import { defaultProviderRegistry, type ProviderRegistry } from '@llm/core';
import { azureOpenAIProviderFactory } from '../azure/azure-openai-provider-factory';
import { openAIProviderFactory } from '../openai/openai-provider-factory';
import { isOwnFactory } from './own-factory';

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
