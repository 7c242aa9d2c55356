import { defaultProviderRegistry, type ProviderFactory, type ProviderRegistry } from '@llm/core';
import { GenericProvider, type GenericProviderOptions } from './generic-provider';

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

/**
 * A `type = "generic"` factory whose providers all get these options, e.g. transforms given in
 * code. Register it with `registerProvider(factory, { override: true })` in place of the default.
 */
export function createGenericProviderFactory(
  options: Omit<GenericProviderOptions, 'logger'> = {},
): ProviderFactory {
  return markGenericFactory({
    type: 'generic',
    description:
      'Any OpenAI-compatible endpoint (presets: deepseek, qwen, zhipu, moonshot, ollama, vllm, lmstudio, openrouter, groq, together, mistral, xai, gemini)',
    create: (config, context) =>
      new GenericProvider(config, { ...options, logger: context.logger }),
  });
}

/** Builds `type = "generic"` providers from config (registered on import of this package). */
export const genericProviderFactory: ProviderFactory = createGenericProviderFactory();

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
