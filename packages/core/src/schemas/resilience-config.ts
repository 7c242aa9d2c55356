import * as z from './zod-subset';
import { LLM_ERROR_TYPES, type LLMErrorType } from '../errors/llm-error-type';

// Shapes only: every field is optional here; @llm/retry owns the defaults, stated in one place.

const ms = z.number().int().nonnegative();
const errorTypeSchema = z.enum(LLM_ERROR_TYPES as [LLMErrorType, ...LLMErrorType[]]);

export const BackoffSchema = z.enum(['exponential', 'linear', 'fixed']);

export const RetryPolicyOverrideSchema = z.strictObject({
  max_retries: z.number().int().nonnegative().optional(),
  backoff: BackoffSchema.optional(),
  base_delay: ms.optional(),
});

/** `[llm.retry]`. Delays in milliseconds. */
export const RetryConfigSchema = z.strictObject({
  max_attempts: z.number().int().positive().optional(),
  base_delay: ms.optional(),
  max_delay: ms.optional(),
  backoff_factor: z.number().min(1).optional(),
  retryable_errors: z.array(errorTypeSchema).optional(),
  jitter: z.enum(['full', 'equal', 'none']).optional(),
  /** The longest `retry-after` a server may demand before the call fails fast instead. */
  max_retry_after: ms.optional(),
  /** Overall deadline of a call across all attempts. */
  deadline: ms.optional(),
  policies: z.partialRecord(errorTypeSchema, RetryPolicyOverrideSchema).optional(),
});
export type RetryConfig = z.output<typeof RetryConfigSchema>;

export const CircuitBreakerConfigSchema = z.strictObject({
  enabled: z.boolean().optional(),
  /** Open after this many consecutive counted failures. */
  failure_threshold: z.number().int().positive().optional(),
  /** Open when the failure percentage over the window reaches this (0-100)… */
  failure_rate_threshold: z.number().min(0).max(100).optional(),
  /** …once at least this many calls were seen in the window. */
  minimum_calls: z.number().int().positive().optional(),
  window: ms.optional(),
  cooldown: ms.optional(),
  half_open_max_calls: z.number().int().positive().optional(),
  cooldown_multiplier: z.number().min(1).optional(),
  max_cooldown: ms.optional(),
  /** Keep one breaker per provider + model instead of one per provider. */
  per_model: z.boolean().optional(),
  counted_errors: z.array(errorTypeSchema).optional(),
});
export type CircuitBreakerConfig = z.output<typeof CircuitBreakerConfigSchema>;

export const RateLimitConfigSchema = z.strictObject({
  requests_per_second: z.number().positive().optional(),
  requests_per_minute: z.number().positive().optional(),
  burst: z.number().int().nonnegative().optional(),
  /** Count requests in a sliding window instead of a token bucket. */
  sliding_window: z.boolean().optional(),
  max_concurrency: z.number().int().positive().optional(),
  max_queue: z.number().int().nonnegative().optional(),
  queue_timeout: ms.optional(),
  tokens_per_minute: z.number().int().positive().optional(),
  /** Cut the allowed rate on 429s and recover gradually. */
  adaptive: z.boolean().optional(),
  /** How long a call may wait for a permit before it fails. */
  max_wait: ms.optional(),
});
export type RateLimitConfig = z.output<typeof RateLimitConfigSchema>;

export const TimeoutConfigSchema = z.strictObject({
  /** Per attempt (non-streaming). */
  request: ms.optional(),
  /** Across all attempts. */
  total: ms.optional(),
  /** Streams: time to the first chunk. */
  first_chunk: ms.optional(),
  /** Streams: the longest gap between two chunks. */
  chunk_gap: ms.optional(),
});
export type TimeoutConfig = z.output<typeof TimeoutConfigSchema>;
