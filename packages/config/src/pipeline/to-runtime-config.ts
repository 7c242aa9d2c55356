import type { LLMModelConfig, LLMProviderConfig, ModelPricing } from '@llm/core';
import { resolve } from 'node:path';
import type { LLMConfig, LLMConfigFile } from '../schema/config-schema';

export interface RuntimeConfigOptions {
  /** Relative paths (`usage_data_dir`, `price_file`) resolve against this directory. */
  baseDirectory: string;
  /** Prices from the price file; they win over `[llm.prices]`. */
  filePrices?: Record<string, ModelPricing>;
}

/**
 * The validated file shape as the runtime sees it: providers and models become arrays with `name`
 * filled in; a model's pricing is replaced by a `prices` entry for `provider/model` or `model` when one exists.
 */
export function toRuntimeConfig(
  file: LLMConfigFile['llm'],
  options: RuntimeConfigOptions,
): LLMConfig {
  const { providers, prices: inlinePrices, ...settings } = file;
  const prices =
    inlinePrices || options.filePrices ? { ...inlinePrices, ...options.filePrices } : undefined;
  const toModel = (
    providerName: string,
    name: string,
    model: Omit<LLMModelConfig, 'name'>,
  ): LLMModelConfig => {
    const pricing = prices?.[`${providerName}/${name}`] ?? prices?.[name] ?? model.pricing;
    return { name, ...model, ...(pricing ? { pricing } : {}) };
  };
  const toProvider = ([name, provider]: [
    string,
    (typeof providers)[string],
  ]): LLMProviderConfig => ({
    name,
    ...provider,
    models: Object.entries(provider.models).map(([modelName, model]) =>
      toModel(name, modelName, model),
    ),
  });
  return {
    ...settings,
    usage_data_dir: resolve(options.baseDirectory, settings.usage_data_dir),
    ...(settings.price_file
      ? { price_file: resolve(options.baseDirectory, settings.price_file) }
      : {}),
    ...(prices ? { prices } : {}),
    providers: Object.entries(providers).map(toProvider),
  };
}
