import type { ProviderFactory } from '@llm/core';

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
