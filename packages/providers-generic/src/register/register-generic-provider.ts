import { defaultProviderRegistry, type ProviderRegistry } from '@llm/core';
import { genericProviderFactory } from '../provider/generic-provider-factory';
import { isGenericFactory } from './own-factory';

/**
 * Registers the `generic` factory. Harmless to repeat; a factory this package built (another copy
 * of it, or one made by createGenericProviderFactory) is left in place instead of failing.
 */
export function registerGenericProvider(
  registry: ProviderRegistry = defaultProviderRegistry(),
): void {
  if (isGenericFactory(registry.get(genericProviderFactory.type))) return;
  registry.register(genericProviderFactory);
}
