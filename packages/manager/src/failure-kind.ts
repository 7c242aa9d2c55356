import { isAbortedLLMError, type LLMError } from '@llm/core';

/** The `error_type` a ledger record gets: the LLMErrorType, or `aborted` for a caller's abort. */
export function failureKind(error: LLMError): string {
  return isAbortedLLMError(error) ? 'aborted' : error.type;
}
