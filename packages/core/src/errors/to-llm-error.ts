import { LLMError } from './llm-error';
import { LLMErrorType } from './llm-error-type';

/** Wraps anything thrown into an LLMError; an LLMError passes through unchanged. */
export function toLLMError(error: unknown, providerName?: string): LLMError {
  if (LLMError.is(error)) return error;
  if (isAbortError(error)) return abortedByCallerError(providerName, error);
  const message = error instanceof Error ? error.message : String(error);
  return new LLMError({
    type: LLMErrorType.UNKNOWN_ERROR,
    message,
    providerName,
    retryable: false,
    cause: error,
  });
}

/** The error of a call its caller aborted: never retried, recorded as `aborted`. */
export function abortedByCallerError(providerName?: string, cause?: unknown): LLMError {
  return new LLMError({
    type: LLMErrorType.UNKNOWN_ERROR,
    message: 'The call was aborted by the caller.',
    providerName,
    retryable: false,
    details: { aborted: true },
    cause,
  });
}

export function isAbortError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  // The openai SDK's APIUserAbortError keeps name 'Error'; its class name tells it apart.
  const name = (error as { name?: unknown }).name;
  const className = (error as { constructor?: { name?: unknown } }).constructor?.name;
  return name === 'AbortError' || name === 'APIUserAbortError' || className === 'APIUserAbortError';
}

/** True for the error `toLLMError` makes of a caller's abort. */
export function isAbortedLLMError(error: unknown): boolean {
  return LLMError.is(error) && error.details?.['aborted'] === true;
}
