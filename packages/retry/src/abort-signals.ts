import { abortedByCallerError, LLMError } from '@llm/core';

/** An AbortController that also aborts (with the same reason) when its parent signal does. */
export interface LinkedAbortController {
  readonly signal: AbortSignal;
  abort(reason: unknown): void;
  /** Detaches from the parent; call when the child's work is over. */
  dispose(): void;
}

export function linkAbortController(parent?: AbortSignal): LinkedAbortController {
  const controller = new AbortController();
  const onParentAbort = () => controller.abort(parent?.reason);
  if (parent?.aborted) controller.abort(parent.reason);
  else parent?.addEventListener('abort', onParentAbort, { once: true });
  return {
    signal: controller.signal,
    abort: (reason) => controller.abort(reason),
    dispose: () => parent?.removeEventListener('abort', onParentAbort),
  };
}

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
