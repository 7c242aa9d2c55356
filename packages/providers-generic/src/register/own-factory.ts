import type { ProviderFactory } from '@llm/core';

const GENERIC_FACTORY = Symbol.for('@llm/providers-generic/factory');

/** Tags a factory as built by this package, so a second copy of it (ESM + CJS) recognizes it. */
export function markGenericFactory(factory: ProviderFactory): ProviderFactory {
  Object.defineProperty(factory, GENERIC_FACTORY, { value: true });
  return factory;
}

export function isGenericFactory(factory: ProviderFactory | undefined): boolean {
  return (
    factory !== undefined &&
    (factory as unknown as Record<symbol, unknown>)[GENERIC_FACTORY] === true
  );
}
