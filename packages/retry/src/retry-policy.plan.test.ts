import { LLMErrorType } from '@llm/core';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '@llm/testing';
import { providerError } from './__tests__/llm-errors';
import { applyJitter, backoffDelay, planRetry, resolveRetryOptions } from './retry-policy';

describe('resolveRetryOptions', () => {
  it('applies the specified per-type retry counts and backoffs by default', () => {
    const { policies } = resolveRetryOptions();
    expect(policies.network).toMatchObject({ maxRetries: 3, backoff: 'exponential' });
    expect(policies.rate_limit).toMatchObject({ maxRetries: 5, backoff: 'linear' });
    expect(policies.server_error).toMatchObject({ maxRetries: 2, backoff: 'fixed' });
    expect(policies.timeout).toMatchObject({ maxRetries: 3, backoff: 'exponential' });
    for (const type of ['auth', 'invalid_request', 'model_not_found', 'token_limit'] as const) {
      expect(policies[type].maxRetries).toBe(0);
    }
  });

  it('caps every type at max_attempts - 1 retries when max_attempts is set', () => {
    const { policies } = resolveRetryOptions({ max_attempts: 3 });
    expect(policies.rate_limit.maxRetries).toBe(2);
    expect(policies.network.maxRetries).toBe(2);
    expect(policies.server_error.maxRetries).toBe(2);
  });

  it('lets a per-type override replace the count, backoff and base delay', () => {
    const { policies } = resolveRetryOptions({
      base_delay: 200,
      policies: { server_error: { max_retries: 4, backoff: 'linear', base_delay: 50 } },
    });
    expect(policies.server_error).toEqual({ maxRetries: 4, backoff: 'linear', baseDelayMs: 50 });
    expect(policies.network.baseDelayMs).toBe(200);
  });

  it('still caps a per-type override by max_attempts', () => {
    const { policies } = resolveRetryOptions({
      max_attempts: 2,
      policies: { server_error: { max_retries: 4 } },
    });
    expect(policies.server_error.maxRetries).toBe(1);
  });

  it('takes the sample config values verbatim', () => {
    const options = resolveRetryOptions({
      max_attempts: 3,
      base_delay: 1000,
      max_delay: 10000,
      backoff_factor: 2.0,
      retryable_errors: ['network', 'rate_limit', 'server_error'],
    });
    expect(options.retryableErrors).toEqual(
      new Set([
        LLMErrorType.NETWORK_ERROR,
        LLMErrorType.RATE_LIMIT_ERROR,
        LLMErrorType.SERVER_ERROR,
      ]),
    );
    expect(options.maxDelayMs).toBe(10000);
  });

  it('rejects an unknown key', () => {
    expect(() => resolveRetryOptions({ max_atempts: 3 } as never)).toThrow();
  });
});

const base = { baseDelayMs: 1000, factor: 2, maxDelayMs: 10_000 };

describe('backoffDelay', () => {
  it('doubles each exponential step from the base delay', () => {
    const delays = [1, 2, 3, 4].map((retry) =>
      backoffDelay({ ...base, backoff: 'exponential', retry }),
    );
    expect(delays).toEqual([1000, 2000, 4000, 8000]);
  });

  it('grows linear steps by one base delay each', () => {
    const delays = [1, 2, 3, 4, 5].map((retry) =>
      backoffDelay({ ...base, backoff: 'linear', retry }),
    );
    expect(delays).toEqual([1000, 2000, 3000, 4000, 5000]);
  });

  it('keeps fixed steps at the base delay', () => {
    const delays = [1, 2, 3].map((retry) => backoffDelay({ ...base, backoff: 'fixed', retry }));
    expect(delays).toEqual([1000, 1000, 1000]);
  });

  it('never exceeds max_delay', () => {
    for (let retry = 1; retry <= 40; retry++) {
      for (const backoff of ['exponential', 'linear', 'fixed'] as const) {
        expect(backoffDelay({ ...base, backoff, retry })).toBeLessThanOrEqual(base.maxDelayMs);
      }
    }
  });

  it('uses the configured factor for exponential steps', () => {
    expect(backoffDelay({ ...base, factor: 3, backoff: 'exponential', retry: 3 })).toBe(9000);
  });
});

describe('applyJitter', () => {
  it('keeps the delay when jitter is none', () => {
    expect(applyJitter(1234, 'none', () => 0.99)).toBe(1234);
  });

  it('keeps full jitter within [0, delay] for any random draw', () => {
    const random = seededRandom(1);
    for (let i = 0; i < 2000; i++) {
      const delay = Math.floor(random() * 60_000);
      const jittered = applyJitter(delay, 'full', random);
      expect(jittered).toBeGreaterThanOrEqual(0);
      expect(jittered).toBeLessThanOrEqual(delay);
    }
  });

  it('keeps equal jitter within [delay/2, delay] for any random draw', () => {
    const random = seededRandom(2);
    for (let i = 0; i < 2000; i++) {
      const delay = Math.floor(random() * 60_000);
      const jittered = applyJitter(delay, 'equal', random);
      expect(jittered).toBeGreaterThanOrEqual(Math.floor(delay / 2));
      expect(jittered).toBeLessThanOrEqual(delay);
    }
  });

  it('reaches the ends of the full range at the ends of the random range', () => {
    expect(applyJitter(1000, 'full', () => 0)).toBe(0);
    expect(applyJitter(1000, 'full', () => 0.9999)).toBe(1000);
    expect(applyJitter(1000, 'equal', () => 0)).toBe(500);
  });
});

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
    const random = seededRandom(7);
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
    const random = seededRandom(11);
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
