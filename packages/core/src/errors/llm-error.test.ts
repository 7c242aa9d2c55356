import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { LLMError } from './llm-error';
import { LLMErrorType, LLM_ERROR_TYPES } from './llm-error-type';

describe('LLMError', () => {
  it('has the nine documented error types', () => {
    expect([...LLM_ERROR_TYPES].sort()).toEqual([
      'auth',
      'invalid_request',
      'model_not_found',
      'network',
      'rate_limit',
      'server_error',
      'timeout',
      'token_limit',
      'unknown',
    ]);
  });

  it.each([
    [LLMErrorType.NETWORK_ERROR, true],
    [LLMErrorType.RATE_LIMIT_ERROR, true],
    [LLMErrorType.SERVER_ERROR, true],
    [LLMErrorType.TIMEOUT_ERROR, true],
    [LLMErrorType.AUTHENTICATION_ERROR, false],
    [LLMErrorType.INVALID_REQUEST, false],
    [LLMErrorType.MODEL_NOT_FOUND, false],
    [LLMErrorType.TOKEN_LIMIT_ERROR, false],
    [LLMErrorType.UNKNOWN_ERROR, false],
  ])('defaults retryable for %s to %s', (type, retryable) => {
    expect(new LLMError({ type, message: 'x' }).retryable).toBe(retryable);
  });

  it('lets the provider override retryable (insufficient_quota is a 429 that must not be retried)', () => {
    const error = new LLMError({
      type: LLMErrorType.RATE_LIMIT_ERROR,
      message: 'quota',
      retryable: false,
    });
    expect(error.retryable).toBe(false);
  });

  it('carries every fact it was given', () => {
    const cause = new Error('socket hang up');
    const error = new LLMError({
      type: LLMErrorType.RATE_LIMIT_ERROR,
      message: 'Too many requests',
      providerName: 'openai',
      statusCode: 429,
      requestId: 'req_1',
      retryAfterMs: 300,
      cause,
    });
    expect(error).toMatchObject({
      name: 'LLMError',
      providerName: 'openai',
      statusCode: 429,
      requestId: 'req_1',
      retryAfterMs: 300,
    });
    expect(error.cause).toBe(cause);
    expect(error).toBeInstanceOf(Error);
  });

  it("gives a caller's abort the code 'aborted', kept by with() and toJSON()", () => {
    const aborted = new LLMError({
      type: LLMErrorType.UNKNOWN_ERROR,
      message: 'The call was aborted by the caller.',
      details: { aborted: true },
    });
    expect(aborted.code).toBe('aborted');
    expect(aborted.with({ providerName: 'openai' }).code).toBe('aborted');
    expect(aborted.toJSON()).toMatchObject({ code: 'aborted' });
    expect(
      new LLMError({ type: LLMErrorType.TIMEOUT_ERROR, message: 'slow' }).code,
    ).toBeUndefined();
    expect(
      new LLMError({ type: LLMErrorType.AUTHENTICATION_ERROR, message: 'no', code: 'key_revoked' })
        .code,
    ).toBe('key_revoked');
  });

  it('is recognised by LLMError.is across two separate copies of the package (ESM and CJS builds)', () => {
    const require = createRequire(import.meta.url);
    const cjsCopy = require('../../dist/index.cjs') as { LLMError: typeof LLMError };
    expect(cjsCopy.LLMError).not.toBe(LLMError);
    const fromOtherCopy = new cjsCopy.LLMError({ type: 'network', message: 'x' });
    expect(fromOtherCopy instanceof LLMError).toBe(false);
    expect(LLMError.is(fromOtherCopy)).toBe(true);
    expect(cjsCopy.LLMError.is(new LLMError({ type: 'network', message: 'x' }))).toBe(true);
  });

  it('does not recognise plain errors or look-alike objects', () => {
    expect(LLMError.is(new Error('x'))).toBe(false);
    expect(LLMError.is({ type: 'network', message: 'x', name: 'LLMError' })).toBe(false);
    expect(LLMError.is(null)).toBe(false);
  });

  it('makes changed copies with with() and leaves the original untouched', () => {
    const error = new LLMError({
      type: LLMErrorType.SERVER_ERROR,
      message: 'boom',
      statusCode: 503,
    });
    const copy = error.with({ attempts: [{ attempt: 1, type: 'server_error', message: 'boom' }] });
    expect(copy.attempts).toHaveLength(1);
    expect(copy.statusCode).toBe(503);
    expect(error.attempts).toBeUndefined();
  });

  it('leaves the cause out of toJSON, since it may hold request headers', () => {
    const error = new LLMError({
      type: LLMErrorType.AUTHENTICATION_ERROR,
      message: 'bad key',
      cause: { headers: { authorization: 'Bearer sk-secret' } },
    });
    expect(JSON.stringify(error)).not.toContain('sk-secret');
    expect(error.toJSON()).toMatchObject({ type: 'auth', message: 'bad key', retryable: false });
  });
});
