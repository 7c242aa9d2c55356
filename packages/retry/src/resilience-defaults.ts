import { LLMErrorType } from '@llm/core';

// Every default of @llm/retry, stated once: the policies read these constants and nothing else.
// The README tables are copied from this file.

export type Backoff = 'exponential' | 'linear' | 'fixed';
export type Jitter = 'full' | 'equal' | 'none';

/** How one error type is retried when nothing overrides it. */
export interface RetryTypeDefaults {
  readonly max_retries: number;
  readonly backoff: Backoff;
}

/** The specified retries: network 3× exponential, rate_limit 5× linear, server_error 2× fixed, auth never. */
export const RETRY_POLICY_DEFAULTS: Readonly<Record<LLMErrorType, RetryTypeDefaults>> = {
  [LLMErrorType.NETWORK_ERROR]: { max_retries: 3, backoff: 'exponential' },
  [LLMErrorType.RATE_LIMIT_ERROR]: { max_retries: 5, backoff: 'linear' },
  [LLMErrorType.SERVER_ERROR]: { max_retries: 2, backoff: 'fixed' },
  [LLMErrorType.TIMEOUT_ERROR]: { max_retries: 3, backoff: 'exponential' },
  [LLMErrorType.AUTHENTICATION_ERROR]: { max_retries: 0, backoff: 'fixed' },
  [LLMErrorType.INVALID_REQUEST]: { max_retries: 0, backoff: 'fixed' },
  [LLMErrorType.MODEL_NOT_FOUND]: { max_retries: 0, backoff: 'fixed' },
  [LLMErrorType.TOKEN_LIMIT_ERROR]: { max_retries: 0, backoff: 'fixed' },
  [LLMErrorType.UNKNOWN_ERROR]: { max_retries: 0, backoff: 'fixed' },
};

export const RETRY_DEFAULTS = {
  /** Unset: the per-type retry counts decide. When set, a hard ceiling on attempts for every type. */
  max_attempts: undefined as number | undefined,
  base_delay: 1_000,
  max_delay: 10_000,
  backoff_factor: 2,
  retryable_errors: [
    LLMErrorType.NETWORK_ERROR,
    LLMErrorType.RATE_LIMIT_ERROR,
    LLMErrorType.SERVER_ERROR,
    LLMErrorType.TIMEOUT_ERROR,
  ] as readonly LLMErrorType[],
  /** Equal jitter keeps at least half of each backoff step while still spreading clients apart. */
  jitter: 'equal' as Jitter,
  max_retry_after: 60_000,
  /** Unset: no deadline across attempts. */
  deadline: undefined as number | undefined,
} as const;

export const CIRCUIT_BREAKER_DEFAULTS = {
  enabled: true,
  failure_threshold: 5,
  failure_rate_threshold: 50,
  minimum_calls: 10,
  window: 60_000,
  cooldown: 30_000,
  half_open_max_calls: 1,
  /** 1: every reopening waits the same cooldown. */
  cooldown_multiplier: 1,
  max_cooldown: 300_000,
  // One model timing out must not refuse calls to its healthy siblings on the same provider.
  per_model: true,
  /** A 429 means the provider is up and asking us to slow down: the limiter handles it, not the breaker. */
  counted_errors: [
    LLMErrorType.NETWORK_ERROR,
    LLMErrorType.SERVER_ERROR,
    LLMErrorType.TIMEOUT_ERROR,
  ] as readonly LLMErrorType[],
} as const;

export const RATE_LIMIT_DEFAULTS = {
  /** Bucket capacity: 1 spaces requests evenly, as providers enforce their limits. */
  burst: 1,
  sliding_window: false,
  max_queue: 100,
  /** Unset: the queue timeout is `max_wait`. */
  queue_timeout: undefined as number | undefined,
  adaptive: false,
  max_wait: 30_000,
} as const;

/** The adaptive limiter's constants (not config keys). */
export const ADAPTIVE_RATE_DEFAULTS = {
  /** Each 429 multiplies the allowed rate by this… */
  decrease_factor: 0.5,
  /** …but never below this fraction of the ceiling. */
  minimum_fraction: 0.05,
  /** 429s within this many ms of a cut are the same overload seen by calls already in flight. */
  cut_interval: 1_000,
  /** Recovery per second without a 429, as a fraction of the ceiling. */
  recovery_per_second: 0.05,
  /** Without a configured rate, the ceiling is the rate observed over this window before the 429. */
  observation_window: 10_000,
} as const;

export const TIMEOUT_DEFAULTS = {
  /** Unset: the provider's own `timeout` (enforced by its SDK) bounds each attempt. */
  request: undefined as number | undefined,
  total: undefined as number | undefined,
  /** Unset: reasoning models may think for minutes before their first chunk. */
  first_chunk: undefined as number | undefined,
  chunk_gap: 60_000,
} as const;
