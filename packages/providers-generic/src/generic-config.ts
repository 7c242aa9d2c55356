import { LLMError, LLMErrorType, type LLMProviderConfig } from '@llm/core';
import { PRESET_NAMES, PRESETS, type AuthStyle, type GenericPreset } from './presets';

/** A generic provider's config cannot work: not retryable, names the provider and the fix. */
export function configError(providerName: string, message: string): LLMError {
  return new LLMError({
    type: LLMErrorType.INVALID_REQUEST,
    message: `Provider "${providerName}" (type generic): ${message}`,
    providerName,
    retryable: false,
    details: { config_error: true },
  });
}

/**
 * The generic provider's own keys under `options` in its config; each overrides the preset's
 * value. Other keys under `options` are transform settings (`options.<transform-name>`).
 */
export interface GenericOptions {
  /** Send `stream_options: { include_usage: true }` on streams. */
  readonly include_stream_usage?: boolean;
  /** The server may omit usage: estimate it (flagged) without a warning. */
  readonly usage_may_be_missing?: boolean;
  /** true: send the token cap as `max_completion_tokens`; false: as `max_tokens` (default: by model name). */
  readonly max_completion_tokens?: boolean;
  /** The embeddings wire encoding when a request names none (default `float`). */
  readonly embedding_encoding?: 'float' | 'base64';
}

const BOOLEAN_KEYS = ['include_stream_usage', 'usage_may_be_missing', 'max_completion_tokens'];
const ENCODINGS = ['float', 'base64'];

function problemsOf(options: Readonly<Record<string, unknown>>): string[] {
  const problems: string[] = [];
  for (const key of BOOLEAN_KEYS) {
    const value = options[key];
    if (value !== undefined && typeof value !== 'boolean')
      problems.push(`options.${key} must be true or false, got ${JSON.stringify(value)}`);
  }
  const encoding = options['embedding_encoding'];
  if (encoding !== undefined && !ENCODINGS.includes(encoding as string))
    problems.push(
      `options.embedding_encoding must be "float" or "base64", got ${JSON.stringify(encoding)}`,
    );
  return problems;
}

/** Reads and checks `config.options`; a wrong value is an error naming the key. */
export function readGenericOptions(config: LLMProviderConfig): GenericOptions {
  const options = config.options ?? {};
  const problems = problemsOf(options);
  if (problems.length > 0) throw configError(config.name, problems.join('; '));
  return options as GenericOptions;
}

/**
 * The preset of that name. An unknown name throws an error listing the known ones; `providerName`
 * says which configured provider asked for it.
 */
export function getPreset(name: string, providerName = '(unnamed)'): GenericPreset {
  const found = Object.hasOwn(PRESETS, name) ? PRESETS[name] : undefined;
  if (found) return found;
  throw configError(
    providerName,
    `unknown preset "${name}" (known presets: ${PRESET_NAMES.join(', ')})`,
  );
}

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
