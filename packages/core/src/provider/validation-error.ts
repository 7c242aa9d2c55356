import { LLMError } from '../errors/llm-error';
import { LLMErrorType } from '../errors/llm-error-type';
import type { ValidationResult } from '../schemas/status';
import { CONTEXT_WINDOW_EXCEEDED, MODEL_NOT_CONFIGURED } from './validate-request';

/**
 * Turns a failed ValidationResult into the error a call rejects with: `model_not_found` for an
 * unlisted model, `token_limit` for a prompt that does not fit the context window, else
 * `invalid_request`; its code is `validation_failed` (the call never left this process).
 */
export function validationError(
  result: ValidationResult,
  providerName: string,
  model?: string,
): LLMError {
  const lines = result.errors.map((issue) => `${issue.field}: ${issue.message}`);
  const has = (code: string) => result.errors.some((issue) => issue.code === code);
  const type = has(MODEL_NOT_CONFIGURED)
    ? LLMErrorType.MODEL_NOT_FOUND
    : has(CONTEXT_WINDOW_EXCEEDED)
      ? LLMErrorType.TOKEN_LIMIT_ERROR
      : LLMErrorType.INVALID_REQUEST;
  return new LLMError({
    type,
    message: `Invalid request: ${lines.join('; ')}`,
    providerName,
    model,
    retryable: false,
    // Refused by client-side validation before dispatch: summaries count it apart from failures.
    code: 'validation_failed',
    details: { issues: result.errors },
  });
}
