import { isAbortedLLMError, LLMError, LLMErrorType } from '@llm/core';
import { describe, expect, it } from 'vitest';
import { abortedError, linkAbortController } from './abort-signals';

describe('linkAbortController', () => {
  it('aborts the child with the parent reason when the parent aborts', () => {
    const parent = new AbortController();
    const child = linkAbortController(parent.signal);
    parent.abort('stop');
    expect(child.signal.aborted).toBe(true);
    expect(child.signal.reason).toBe('stop');
  });

  it('leaves the parent alone when only the child aborts', () => {
    const parent = new AbortController();
    const child = linkAbortController(parent.signal);
    child.abort('child only');
    expect(parent.signal.aborted).toBe(false);
  });

  it('starts aborted when the parent already is', () => {
    const parent = new AbortController();
    parent.abort('early');
    expect(linkAbortController(parent.signal).signal.reason).toBe('early');
  });

  it('no longer follows the parent after dispose', () => {
    const parent = new AbortController();
    const child = linkAbortController(parent.signal);
    child.dispose();
    parent.abort('late');
    expect(child.signal.aborted).toBe(false);
  });
});

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
