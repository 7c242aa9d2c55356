import { ConfigError } from '../issues/config-error';
import type { LLMConfig } from '../schema/llm-config-schema';
import type { LoadConfigOptions } from './load-config-options';
import { validateConfig } from './validate-config';

/** Loads, merges, substitutes and validates the configuration; rejects with ConfigError listing every issue. */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<LLMConfig> {
  const result = await validateConfig(options);
  if (!result.config) throw new ConfigError(result.issues);
  return result.config;
}
