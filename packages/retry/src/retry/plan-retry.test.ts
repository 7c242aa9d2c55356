import { LLMErrorType } from '@llm/core';
import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../testing/seeded-random';
import { providerError } from '../testing/llm-errors';
import { planRetry } from './plan-retry';
import { resolveRetryOptions } from './resolve-retry-options';

const noJitter = resolveRetryOptions({ jitter: 'none' });
const plan = (type: LLMErrorType, attempt: number, extra = {}, options = noJitter, elapsedMs = 0) =>
  planRetry({ error: providerError(type, extra), attempt, elapsedMs, options, random: () => 0.5 });

describe('planRetry', () => {
  it('uses the retry-after as the minimum wait when it is longer than the backoff', () => {
    expect(plan(LLMErrorType.RATE_LIMIT_ERROR, 1, { retryAfterMs: 3000 })).toEqual({
      retry: true,
      delayMs: 3000,
    });
  });

  it('keeps the backoff when the retry-after is shorter', () => {
    expect(plan(LLMErrorType.RATE_LIMIT_ERROR, 3, { retryAfterMs: 300 })).toEqual({
      retry: true,
      delayMs: 3000,
    });
  });

  it('fails fast with the demanded wait in the message when the retry-after exceeds max_retry_after', () => {
    const result = plan(LLMErrorType.RATE_LIMIT_ERROR, 1, { retryAfterMs: 120_000 });
    expect(result.retry).toBe(false);
    if (result.retry) return;
    expect(result.reason).toBe('retry_after_too_long');
    expect(result.error.message).toContain('wait 120 s');
    expect(result.error.message).toContain('max_retry_after (60 s)');
  });

  it('honours a configured max_retry_after', () => {
    const options = resolveRetryOptions({ jitter: 'none', max_retry_after: 500 });
    expect(plan(LLMErrorType.RATE_LIMIT_ERROR, 1, { retryAfterMs: 501 }, options).retry).toBe(
      false,
    );
    expect(plan(LLMErrorType.RATE_LIMIT_ERROR, 1, { retryAfterMs: 500 }, options)).toEqual({
      retry: true,
      delayMs: 1000,
    });
  });

  it('stops when the next wait would end past the deadline', () => {
    const options = resolveRetryOptions({ jitter: 'none', deadline: 2500 });
    const result = plan(LLMErrorType.NETWORK_ERROR, 2, {}, options, 1000);
    expect(result).toMatchObject({ retry: false, reason: 'deadline' });
  });

  it('never retries an error marked not retryable, whatever its type', () => {
    const result = plan(LLMErrorType.RATE_LIMIT_ERROR, 1, {
      retryable: false,
      details: { code: 'insufficient_quota' },
    });
    expect(result).toMatchObject({ retry: false, reason: 'not_retryable' });
  });

  it('never retries a type missing from retryable_errors', () => {
    const options = resolveRetryOptions({ retryable_errors: ['network'] });
    expect(plan(LLMErrorType.SERVER_ERROR, 1, {}, options)).toMatchObject({
      retry: false,
      reason: 'not_in_retryable_errors',
    });
  });

  it('never retries a caller abort', () => {
    const result = plan(LLMErrorType.UNKNOWN_ERROR, 1, {
      retryable: true,
      details: { aborted: true },
    });
    expect(result).toMatchObject({ retry: false, reason: 'aborted' });
  });

  it('keeps every jittered wait between half the step and the step, retry-after aside', () => {
    const options = resolveRetryOptions();
    const random = createSeededRandom(7);
    for (let i = 0; i < 500; i++) {
      const attempt = 1 + Math.floor(random() * 3);
      const result = planRetry({
        error: providerError(LLMErrorType.NETWORK_ERROR),
        attempt,
        elapsedMs: 0,
        options,
        random,
      });
      const step = Math.min(1000 * 2 ** (attempt - 1), 10_000);
      expect(result.retry).toBe(true);
      if (!result.retry) return;
      expect(result.delayMs).toBeGreaterThanOrEqual(step / 2);
      expect(result.delayMs).toBeLessThanOrEqual(step);
    }
  });

  it('never waits less than a retry-after within the cap, whatever the jitter draws', () => {
    const options = resolveRetryOptions({ jitter: 'full' });
    const random = createSeededRandom(11);
    for (let i = 0; i < 500; i++) {
      const retryAfterMs = Math.floor(random() * 60_000);
      const error = providerError(LLMErrorType.RATE_LIMIT_ERROR, { retryAfterMs });
      const result = planRetry({
        error,
        attempt: 1 + Math.floor(random() * 5),
        elapsedMs: 0,
        options,
        random,
      });
      expect(result.retry).toBe(true);
      if (!result.retry) return;
      expect(result.delayMs).toBeGreaterThanOrEqual(retryAfterMs);
      expect(result.delayMs).toBeLessThanOrEqual(Math.max(retryAfterMs, 10_000));
    }
  });
});
