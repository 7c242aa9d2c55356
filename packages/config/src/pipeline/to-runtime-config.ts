import type { LLMModelConfig, LLMProviderConfig, ModelPricing } from '@llm/core';
import { resolve } from 'node:path';
import type { LLMConfig, LLMConfigFile } from '../schema/config-schema';

export interface RuntimeConfigOptions {
  /** Relative paths (`usage_data_dir`, `price_file`) resolve against this directory. */
  baseDirectory: string;
  /** Prices from the price file; kept apart from `[llm.prices]` as `price_file_prices`. */
  filePrices?: Record<string, ModelPricing>;
  /** Providers to turn off, with why (a secret names an unset variable): `disabled_providers`. */
  disabledProviders?: ReadonlyMap<string, string>;
}

/**
 * The validated file shape as the runtime sees it: providers and models become arrays with `name`
 * filled in. Price lists stay as given — `prices` (inline `[llm.prices]`) and `price_file_prices`
 * (the price file) apart, so each price keeps its source; @llm/usage's `resolvePrice` decides which
 * one prices a call.
 */
export function toRuntimeConfig(
  file: LLMConfigFile['llm'],
  options: RuntimeConfigOptions,
): LLMConfig {
  const { providers, models, ...settings } = file;
  const toProvider = ([name, provider]: [
    string,
    (typeof providers)[string],
  ]): LLMProviderConfig => ({
    name,
    ...provider,
    ...(options.disabledProviders?.has(name) ? { enabled: false } : {}),
    models: Object.entries(provider.models).map(([modelName, model]): LLMModelConfig => ({
      name: modelName,
      ...model,
    })),
  });
  return {
    ...settings,
    usage_data_dir: resolve(options.baseDirectory, settings.usage_data_dir),
    ...(settings.price_file
      ? { price_file: resolve(options.baseDirectory, settings.price_file) }
      : {}),
    ...(options.filePrices ? { price_file_prices: options.filePrices } : {}),
    ...(options.disabledProviders?.size
      ? { disabled_providers: Object.fromEntries(options.disabledProviders) }
      : {}),
    providers: Object.entries(providers).map(toProvider),
    ...(models
      ? { models: Object.entries(models).map(([name, model]) => ({ name, ...model })) }
      : {}),
  };
}
