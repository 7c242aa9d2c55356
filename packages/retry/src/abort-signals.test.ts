import { isAbortedLLMError, LLMError, LLMErrorType } from '@llm/core';
import { describe, expect, it } from 'vitest';
import { abortedError } from './abort-signals';

describe('abortedError', () => {
  it('keeps an LLMError reason as the error', () => {
    const controller = new AbortController();
    const reason = new LLMError({ type: LLMErrorType.TIMEOUT_ERROR, message: 'total' });
    controller.abort(reason);
    expect(abortedError(controller.signal)).toBe(reason);
  });

  it('turns any other reason into the caller-abort error', () => {
    const controller = new AbortController();
    controller.abort();
    const error = abortedError(controller.signal, 'openai');
    expect(isAbortedLLMError(error)).toBe(true);
    expect(error.retryable).toBe(false);
    expect(error.providerName).toBe('openai');
  });
});
