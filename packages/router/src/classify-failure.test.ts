import fc from 'fast-check';
import { LLM_ERROR_TYPES } from '@llm/core';
import { describe, expect, it } from 'vitest';
import { providerError } from './__tests__/routing-fixtures';
import { classifyFailure, HAMMER_WINDOW_MS, type FailureContext } from './classify-failure';

const first: FailureContext = {
  attemptsOnDeployment: 1,
  firstAttemptAt: 0,
  now: 200,
  random: () => 0.5,
};

describe('classifyFailure', () => {
  it('honours a 429 retry-after on the same deployment', () => {
    const error = providerError('rate_limit', { statusCode: 429, retryAfterMs: 2_000 });
    expect(classifyFailure(error, first)).toEqual({
      action: 'retry-same',
      delayMs: 2_000,
      rotateKey: false,
      reason: 'rate_limit',
    });
  });

  it('caps a 429 retry-after by max_retry_after', () => {
    const error = providerError('rate_limit', { statusCode: 429, retryAfterMs: 120_000 });
    expect(classifyFailure(error, { ...first, retry: { max_retry_after: 5_000 } })).toMatchObject({
      action: 'retry-same',
      delayMs: 5_000,
    });
  });

  it('backs off with jitter on a 429 without retry-after', () => {
    const error = providerError('rate_limit', { statusCode: 429 });
    const low = classifyFailure(error, { ...first, random: () => 0 });
    const high = classifyFailure(error, { ...first, random: () => 0.999 });
    expect(low).toMatchObject({ action: 'retry-same', delayMs: 250 });
    expect(high).toMatchObject({ action: 'retry-same', delayMs: 499 });
  });

  it('moves on once the deployment has spent its retries on a 429', () => {
    const error = providerError('rate_limit', { statusCode: 429, retryAfterMs: 10 });
    expect(classifyFailure(error, { ...first, attemptsOnDeployment: 3, now: 5_000 })).toEqual({
      action: 'next-candidate',
      reason: 'rate_limit_retries_spent',
    });
  });

  it('never schedules a third attempt on one deployment within the first 1.5 s', () => {
    const error = providerError('server_error', { statusCode: 503 });
    const action = classifyFailure(error, { ...first, attemptsOnDeployment: 2, now: 700 });
    expect(action).toMatchObject({
      action: 'retry-same',
      delayMs: HAMMER_WINDOW_MS - 700,
      reason: 'server_error_spaced',
    });
  });

  it('keeps any attempt sequence to at most 2 attempts in the first 1.5 s of a deployment', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 6 }),
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        (durations, seed) => {
          const starts = [0];
          for (const duration of durations) {
            const now = starts[starts.length - 1]! + duration;
            const action = classifyFailure(providerError('server_error', { retryAfterMs: 0 }), {
              attemptsOnDeployment: starts.length,
              firstAttemptAt: 0,
              now,
              retry: { max_retries: 10, base_delay: 1 },
              random: () => seed,
            });
            if (action.action !== 'retry-same') break;
            starts.push(now + action.delayMs);
          }
          expect(starts.filter((start) => start < HAMMER_WINDOW_MS).length).toBeLessThanOrEqual(2);
        },
      ),
    );
  });

  it('retries 5xx, a reset connection and a stream ended without finish, then moves on', () => {
    const errors = [
      providerError('server_error', { statusCode: 503 }),
      providerError('network', { details: { code: 'ECONNRESET' } }),
      providerError('network', { details: { incomplete_stream: true } }),
    ];
    for (const error of errors) {
      expect(classifyFailure(error, first)).toMatchObject({ action: 'retry-same', delayMs: 375 });
      expect(
        classifyFailure(error, { ...first, attemptsOnDeployment: 3, now: 9_000 }),
      ).toMatchObject({ action: 'next-candidate' });
    }
  });

  it('moves on at once after a timeout: no headers, no first chunk, or a chunk gap', () => {
    for (const reason of ['request_timeout', 'first_chunk_timeout', 'chunk_gap_timeout']) {
      expect(classifyFailure(providerError('timeout', { details: { reason } }), first)).toEqual({
        action: 'next-candidate',
        reason: 'timeout',
      });
    }
  });

  it('sends a token_limit failure to the context-window fallbacks', () => {
    expect(classifyFailure(providerError('token_limit', { statusCode: 400 }), first)).toEqual({
      action: 'context-fallback',
      reason: 'token_limit',
    });
  });

  it('stops on a content-filter rejection: no retry, no fallback', () => {
    const error = providerError('invalid_request', {
      statusCode: 400,
      details: { reason: 'content_filter', categories: ['hate'] },
    });
    expect(classifyFailure(error, first)).toEqual({ action: 'stop', reason: 'content_filter' });
  });

  it('moves to the next candidate on auth, invalid_request and model_not_found', () => {
    for (const [type, statusCode] of [
      ['auth', 401],
      ['invalid_request', 400],
      ['model_not_found', 404],
    ] as const) {
      expect(classifyFailure(providerError(type, { statusCode }), first)).toEqual({
        action: 'next-candidate',
        reason: type,
      });
    }
  });

  it('retries the same deployment at once with another key after 401, 403 or insufficient_quota', () => {
    const keyed = { ...first, hasAnotherKey: true };
    const errors = [
      providerError('auth', { statusCode: 401 }),
      providerError('auth', { statusCode: 403 }),
      providerError('rate_limit', {
        statusCode: 429,
        retryable: false,
        details: { reason: 'insufficient_quota' },
      }),
    ];
    for (const error of errors) {
      expect(classifyFailure(error, keyed)).toEqual({
        action: 'retry-same',
        delayMs: 0,
        rotateKey: true,
        reason: 'key_benched',
      });
      expect(classifyFailure(error, first)).toMatchObject({ action: 'next-candidate' });
    }
  });

  it('stops on refusals decided locally (aborted, budget)', () => {
    expect(classifyFailure(providerError('network', { code: 'aborted' }), first)).toEqual({
      action: 'stop',
      reason: 'aborted',
    });
    expect(
      classifyFailure(providerError('rate_limit', { code: 'budget_exceeded' }), first),
    ).toEqual({ action: 'stop', reason: 'budget_exceeded' });
  });

  it("moves on from one deployment's pre-dispatch refusal; a local context-length one goes to the context fallbacks", () => {
    expect(
      classifyFailure(providerError('invalid_request', { code: 'validation_failed' }), first),
    ).toEqual({ action: 'next-candidate', reason: 'validation_failed' });
    expect(
      classifyFailure(providerError('token_limit', { code: 'validation_failed' }), first),
    ).toEqual({ action: 'context-fallback', reason: 'token_limit' });
  });

  it("lets the user's explicit retry settings win", () => {
    const error = providerError('server_error', { statusCode: 500 });
    expect(classifyFailure(error, { ...first, retry: { max_retries: 0 } })).toMatchObject({
      action: 'next-candidate',
    });
    expect(
      classifyFailure(error, { ...first, retry: { base_delay: 100, jitter: 'none' } }),
    ).toMatchObject({ action: 'retry-same', delayMs: 100 });
    expect(
      classifyFailure(error, {
        ...first,
        attemptsOnDeployment: 5,
        now: 60_000,
        retry: { max_retries: 5, jitter: 'full', max_delay: 1000 },
      }),
    ).toMatchObject({ action: 'retry-same', delayMs: 500 });
  });

  it('decides something for every error type and status', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...LLM_ERROR_TYPES),
        fc.option(fc.integer({ min: 400, max: 599 })),
        fc.integer({ min: 1, max: 8 }),
        (type, status, attempts) => {
          const action = classifyFailure(providerError(type, { statusCode: status ?? undefined }), {
            ...first,
            attemptsOnDeployment: attempts,
            now: attempts * 1000,
          });
          expect(['retry-same', 'next-candidate', 'context-fallback', 'stop']).toContain(
            action.action,
          );
          if (action.action === 'retry-same') expect(action.delayMs).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });

  it('moves on without retrying when the provider marked a transient error not retryable', () => {
    const error = providerError('server_error', { statusCode: 500, retryable: false });
    expect(classifyFailure(error, first)).toEqual({
      action: 'next-candidate',
      reason: 'server_error_not_retryable',
    });
  });

  it('recognises insufficient_quota by its code as well as its details', () => {
    const error = providerError('rate_limit', { statusCode: 429, code: 'insufficient_quota' });
    expect(classifyFailure(error, { ...first, hasAnotherKey: true })).toMatchObject({
      action: 'retry-same',
      rotateKey: true,
    });
  });
});
