import { LLMErrorType } from './llm-error-type';

/** The error category an HTTP status means before any provider-specific refinement. */
export function errorTypeForStatus(status: number | undefined): LLMErrorType {
  if (status === undefined) return LLMErrorType.NETWORK_ERROR;
  if (status === 401 || status === 403) return LLMErrorType.AUTHENTICATION_ERROR;
  if (status === 404) return LLMErrorType.MODEL_NOT_FOUND;
  if (status === 408) return LLMErrorType.TIMEOUT_ERROR;
  if (status === 413) return LLMErrorType.TOKEN_LIMIT_ERROR;
  if (status === 429) return LLMErrorType.RATE_LIMIT_ERROR;
  if (status === 400 || status === 409 || status === 422) return LLMErrorType.INVALID_REQUEST;
  if (status >= 500) return LLMErrorType.SERVER_ERROR;
  return LLMErrorType.UNKNOWN_ERROR;
}

const CONTEXT_LENGTH_PATTERNS = [
  /context[_ ]length/i,
  /maximum context/i,
  /too many tokens/i,
  /prompt is too long/i,
  /input is too long/i,
  /exceeds? the (?:model's )?(?:maximum|context)/i,
  /max_tokens.*(?:too large|exceed)/i,
];

/** True when a 400's message or code says the prompt did not fit the model's context. */
export function isContextLengthError(message: string | undefined, code?: string | null): boolean {
  if (code === 'context_length_exceeded' || code === 'string_above_max_length') return true;
  return message !== undefined && CONTEXT_LENGTH_PATTERNS.some((pattern) => pattern.test(message));
}
