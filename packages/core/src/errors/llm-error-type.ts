/** The nine error categories. Values are the wire strings stored in usage records. */
export const LLMErrorType = {
  NETWORK_ERROR: 'network',
  AUTHENTICATION_ERROR: 'auth',
  RATE_LIMIT_ERROR: 'rate_limit',
  TOKEN_LIMIT_ERROR: 'token_limit',
  MODEL_NOT_FOUND: 'model_not_found',
  INVALID_REQUEST: 'invalid_request',
  SERVER_ERROR: 'server_error',
  TIMEOUT_ERROR: 'timeout',
  UNKNOWN_ERROR: 'unknown',
} as const;

export type LLMErrorType = (typeof LLMErrorType)[keyof typeof LLMErrorType];

export const LLM_ERROR_TYPES: readonly LLMErrorType[] = Object.values(LLMErrorType);

/** Transient categories: worth another attempt unless the provider says otherwise. */
const TRANSIENT: ReadonlySet<LLMErrorType> = new Set<LLMErrorType>([
  LLMErrorType.NETWORK_ERROR,
  LLMErrorType.RATE_LIMIT_ERROR,
  LLMErrorType.SERVER_ERROR,
  LLMErrorType.TIMEOUT_ERROR,
]);

export function isTransientErrorType(type: LLMErrorType): boolean {
  return TRANSIENT.has(type);
}

export function isLLMErrorType(value: unknown): value is LLMErrorType {
  return typeof value === 'string' && (LLM_ERROR_TYPES as readonly string[]).includes(value);
}
