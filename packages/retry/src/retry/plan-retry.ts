import { isAbortedLLMError, type LLMError } from '@llm/core';
import { applyJitter } from './apply-jitter';
import { backoffDelay } from './backoff-delay';
import type { ResolvedRetryOptions } from './resolve-retry-options';

/** Why a call stops being retried. */
export type RetryStopReason =
  | 'aborted'
  | 'not_retryable'
  | 'not_in_retryable_errors'
  | 'exhausted'
  | 'retry_after_too_long'
  | 'deadline';

export type RetryPlan =
  | { readonly retry: true; readonly delayMs: number }
  | { readonly retry: false; readonly reason: RetryStopReason; readonly error: LLMError };

export interface PlanRetryInput {
  readonly error: LLMError;
  /** The attempt that just failed, from 1. */
  readonly attempt: number;
  /** Time since the first attempt started. */
  readonly elapsedMs: number;
  readonly options: ResolvedRetryOptions;
  readonly random: () => number;
}

const seconds = (milliseconds: number) => `${Math.round(milliseconds / 100) / 10} s`;

/**
 * Decides whether a failed attempt is retried and after how long. The wait is the backoff step
 * with jitter, raised to the server's `retryAfterMs` when that is longer.
 */
export function planRetry({
  error,
  attempt,
  elapsedMs,
  options,
  random,
}: PlanRetryInput): RetryPlan {
  if (isAbortedLLMError(error)) return { retry: false, reason: 'aborted', error };
  if (!error.retryable) return { retry: false, reason: 'not_retryable', error };
  if (!options.retryableErrors.has(error.type))
    return { retry: false, reason: 'not_in_retryable_errors', error };
  const policy = options.policies[error.type];
  if (attempt > policy.maxRetries) return { retry: false, reason: 'exhausted', error };

  const step = backoffDelay({
    backoff: policy.backoff,
    retry: attempt,
    baseDelayMs: policy.baseDelayMs,
    factor: options.backoffFactor,
    maxDelayMs: options.maxDelayMs,
  });
  const jittered = applyJitter(step, options.jitter, random);
  const retryAfter = error.retryAfterMs;
  if (retryAfter !== undefined && retryAfter > options.maxRetryAfterMs) {
    const message = `${error.message} The server asked to wait ${seconds(retryAfter)} before retrying, longer than max_retry_after (${seconds(options.maxRetryAfterMs)}); not retrying.`;
    return { retry: false, reason: 'retry_after_too_long', error: error.with({ message }) };
  }
  const delayMs = Math.max(jittered, retryAfter ?? 0);
  if (options.deadlineMs !== undefined && elapsedMs + delayMs > options.deadlineMs) {
    const message = `${error.message} Not retrying: the next attempt would start after the retry deadline of ${options.deadlineMs} ms (waited ${elapsedMs} ms, next wait ${delayMs} ms).`;
    return { retry: false, reason: 'deadline', error: error.with({ message }) };
  }
  return { retry: true, delayMs };
}
