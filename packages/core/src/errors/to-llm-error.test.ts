import { describe, expect, it } from 'vitest';
import { LLMError } from './llm-error';
import { isAbortedLLMError, toLLMError } from './to-llm-error';

describe('toLLMError', () => {
  it('passes an LLMError through unchanged', () => {
    const error = new LLMError({ type: 'timeout', message: 'slow' });
    expect(toLLMError(error)).toBe(error);
  });

  it('wraps an unknown error as a non-retryable unknown error keeping the cause', () => {
    const cause = new TypeError('boom');
    const error = toLLMError(cause, 'openai');
    expect(error).toMatchObject({
      type: 'unknown',
      message: 'boom',
      providerName: 'openai',
      retryable: false,
    });
    expect(error.cause).toBe(cause);
  });

  it('marks a caller abort so that retries and records can tell it apart', () => {
    const abort = Object.assign(new Error('This operation was aborted'), { name: 'AbortError' });
    const error = toLLMError(abort);
    expect(isAbortedLLMError(error)).toBe(true);
    expect(error.retryable).toBe(false);
  });

  it("recognises an SDK abort error by its class name when its name is plain 'Error'", () => {
    class APIUserAbortError extends Error {}
    expect(isAbortedLLMError(toLLMError(new APIUserAbortError('Request was aborted.')))).toBe(true);
  });
});
