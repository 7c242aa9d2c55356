import type { LLMProviderConfig } from '@llm/core';
import type { AuthStyle, GenericPreset } from '../preset/generic-preset';
import { getPreset } from '../preset/get-preset';
import { PRESET_NAMES } from '../preset/presets';
import { configError } from './config-error';
import { readGenericOptions } from './generic-options';

/** A generic provider's config with its preset applied: what the client and the calls use. */
export interface ResolvedGenericConfig {
  /** The config with `base_url`, `auth_style`, `headers` and `query` filled from the preset. */
  readonly config: LLMProviderConfig & { base_url: string; auth_style: AuthStyle };
  readonly preset: GenericPreset | undefined;
  readonly includeStreamUsage: boolean;
  readonly usageMayBeMissing: boolean;
  /** undefined: decide by model name (o-series, gpt-5 → `max_completion_tokens`). */
  readonly maxCompletionTokens: boolean | undefined;
  readonly embeddingEncoding: 'float' | 'base64';
}

const merged = (
  fromPreset: Readonly<Record<string, string>> | undefined,
  fromConfig: Readonly<Record<string, string>> | undefined,
): Record<string, string> | undefined =>
  fromPreset || fromConfig ? { ...fromPreset, ...fromConfig } : undefined;

/**
 * Applies `preset` to a config: config values win over the preset's (key by key for `headers`). Throws (before any network call) for an unknown preset, a missing `base_url`, or a
 * wrong value under `options`.
 */
export function resolveGenericConfig(config: LLMProviderConfig): ResolvedGenericConfig {
  const preset = config.preset === undefined ? undefined : getPreset(config.preset, config.name);
  const options = readGenericOptions(config);
  const baseURL = config.base_url ?? preset?.baseURL;
  if (baseURL === undefined) {
    throw configError(
      config.name,
      `set base_url (e.g. "http://localhost:8000/v1") or a preset (${PRESET_NAMES.join(', ')})`,
    );
  }
  const headers = merged(preset?.headers, config.headers);
  return {
    config: {
      ...config,
      base_url: baseURL,
      auth_style: config.auth_style ?? preset?.authStyle ?? 'bearer',
      ...(headers ? { headers } : {}),
    },
    preset,
    includeStreamUsage: options.include_stream_usage ?? preset?.includeStreamUsage ?? true,
    usageMayBeMissing: options.usage_may_be_missing ?? preset?.usageMayBeMissing ?? false,
    maxCompletionTokens: options.max_completion_tokens,
    embeddingEncoding: options.embedding_encoding ?? 'float',
  };
}
