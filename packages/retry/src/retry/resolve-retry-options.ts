import { LLM_ERROR_TYPES, RetryConfigSchema, type LLMErrorType, type RetryConfig } from '@llm/core';
import {
  RETRY_DEFAULTS,
  RETRY_POLICY_DEFAULTS,
  type Backoff,
  type Jitter,
} from '../defaults/resilience-defaults';

/** How one error type is retried, after config and defaults are merged. */
export interface RetryTypePolicy {
  /** Retries after the first attempt, already capped by `max_attempts`. */
  readonly maxRetries: number;
  readonly backoff: Backoff;
  readonly baseDelayMs: number;
}

export interface ResolvedRetryOptions {
  readonly maxDelayMs: number;
  readonly backoffFactor: number;
  readonly retryableErrors: ReadonlySet<LLMErrorType>;
  readonly jitter: Jitter;
  readonly maxRetryAfterMs: number;
  readonly deadlineMs?: number;
  readonly policies: Readonly<Record<LLMErrorType, RetryTypePolicy>>;
}

/**
 * Merges `[llm.retry]` over the defaults. A per-type override (`policies.<type>`) replaces that
 * type's count, backoff or base delay; `max_attempts` then caps the attempts of every type.
 */
export function resolveRetryOptions(input: RetryConfig = {}): ResolvedRetryOptions {
  const config = RetryConfigSchema.parse(input);
  const baseDelayMs = config.base_delay ?? RETRY_DEFAULTS.base_delay;
  const maxAttempts = config.max_attempts ?? RETRY_DEFAULTS.max_attempts;
  const policies = Object.fromEntries(
    LLM_ERROR_TYPES.map((type) => {
      const defaults = RETRY_POLICY_DEFAULTS[type];
      const override = config.policies?.[type];
      const maxRetries = override?.max_retries ?? defaults.max_retries;
      const policy: RetryTypePolicy = {
        maxRetries: maxAttempts === undefined ? maxRetries : Math.min(maxRetries, maxAttempts - 1),
        backoff: override?.backoff ?? defaults.backoff,
        baseDelayMs: override?.base_delay ?? baseDelayMs,
      };
      return [type, policy];
    }),
  ) as Record<LLMErrorType, RetryTypePolicy>;
  return {
    maxDelayMs: config.max_delay ?? RETRY_DEFAULTS.max_delay,
    backoffFactor: config.backoff_factor ?? RETRY_DEFAULTS.backoff_factor,
    retryableErrors: new Set(config.retryable_errors ?? RETRY_DEFAULTS.retryable_errors),
    jitter: config.jitter ?? RETRY_DEFAULTS.jitter,
    maxRetryAfterMs: config.max_retry_after ?? RETRY_DEFAULTS.max_retry_after,
    deadlineMs: config.deadline ?? RETRY_DEFAULTS.deadline,
    policies,
  };
}
