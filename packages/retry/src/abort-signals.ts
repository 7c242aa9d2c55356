import { abortedByCallerError, LLMError } from '@llm/core';

/** A signal that never aborts, for calls made without one. */
export function neverAbortedSignal(): AbortSignal {
  return new AbortController().signal;
}

/**
 * The error a call ends with when its signal aborted. A reason that is already an LLMError (a
 * total timeout, say) is kept; anything else becomes core's "aborted by the caller" error, which
 * `isAbortedLLMError` recognises and nothing retries.
 */
export function abortedError(signal: AbortSignal, providerName?: string): LLMError {
  const reason: unknown = signal.reason;
  if (LLMError.is(reason)) return reason;
  return abortedByCallerError(providerName, reason);
}
