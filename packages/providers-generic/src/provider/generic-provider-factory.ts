import type { ProviderFactory } from '@llm/core';
import { markGenericFactory } from '../register/own-factory';
import { GenericProvider, type GenericProviderOptions } from './generic-provider';

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
