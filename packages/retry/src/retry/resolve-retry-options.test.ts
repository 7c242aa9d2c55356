import { LLMErrorType } from '@llm/core';
import { describe, expect, it } from 'vitest';
import { resolveRetryOptions } from './resolve-retry-options';

describe('resolveRetryOptions', () => {
  it('applies the seed 001 per-type retry counts and backoffs by default', () => {
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

  it('takes the seed sample values verbatim', () => {
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
