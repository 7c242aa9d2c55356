import {
  findModelConfig,
  type CircuitBreakerConfig,
  type RateLimitConfig,
  type RetryConfig,
  type TimeoutConfig,
} from '@llm/core';
import { ConfigError } from './issues/config-error';
import type { LLMConfig } from './schema/config-schema';

/**
 * The retry, circuit-breaker, rate-limit and timeout settings that apply to one provider's calls,
 * in the shape `createResiliencePipeline` of @llm/retry takes. Keys left unset take @llm/retry's
 * defaults.
 */
export interface ResilienceSettings {
  readonly retry: RetryConfig;
  readonly circuitBreaker: CircuitBreakerConfig;
  /** The provider's `rate_limit`, else `[llm.rate_limit]`: a provider limit replaces the global one. */
  readonly rateLimit?: RateLimitConfig;
  readonly timeouts: TimeoutConfig;
  /** Each model's own `rate_limit`, by model name, applied together with `rateLimit`. */
  readonly modelRateLimits: Readonly<Record<string, RateLimitConfig>>;
  /** When a model was asked for: its own `rate_limit` (the model found by name or `model_id`). */
  readonly modelRateLimit?: RateLimitConfig;
}

/**
 * The effective resilience settings of a provider: `[llm.retry]`, `[llm.circuit_breaker]` and
 * `[llm.timeouts]` with the provider's tables over them key by key; the provider's `max_retries`
 * caps attempts at `max_retries + 1` unless its own `retry.max_attempts` is set. Throws ConfigError
 * for a provider the configuration does not have.
 */
export function resolveResilienceSettings(
  config: LLMConfig,
  providerName: string,
  model?: string,
): ResilienceSettings {
  const provider = config.providers.find((candidate) => candidate.name === providerName);
  if (!provider) {
    const names = config.providers.map((candidate) => candidate.name);
    throw new ConfigError([
      {
        path: `llm.providers.${providerName}`,
        message: `provider "${providerName}" is not configured (${
          names.length ? `configured: ${names.join(', ')}` : 'no providers are configured'
        })`,
      },
    ]);
  }
  const retry: RetryConfig = { ...config.retry, ...provider.retry };
  if (provider.max_retries !== undefined && provider.retry?.max_attempts === undefined)
    retry.max_attempts = provider.max_retries + 1;
  const rateLimit = provider.rate_limit ?? config.rate_limit;
  const modelRateLimit =
    model === undefined ? undefined : findModelConfig(provider, model)?.rate_limit;
  return {
    retry,
    circuitBreaker: { ...config.circuit_breaker, ...provider.circuit_breaker },
    ...(rateLimit ? { rateLimit } : {}),
    timeouts: { ...config.timeouts, ...provider.timeouts },
    modelRateLimits: Object.fromEntries(
      provider.models.flatMap((entry) =>
        entry.rate_limit ? [[entry.name, entry.rate_limit] as const] : [],
      ),
    ),
    ...(modelRateLimit ? { modelRateLimit } : {}),
  };
}
