import { LLMError } from '../errors/llm-error';
import { LLMErrorType } from '../errors/llm-error-type';
import type { ValidationResult } from '../schemas/status';

/** Turns a failed ValidationResult into the invalid_request error a call rejects with. */
export function validationError(
  result: ValidationResult,
  providerName: string,
  model?: string,
): LLMError {
  const lines = result.errors.map((issue) => `${issue.field}: ${issue.message}`);
  const isUnknownModel = result.errors.some(
    (issue) => issue.field === 'model' && issue.message.includes('is not configured'),
  );
  return new LLMError({
    type: isUnknownModel ? LLMErrorType.MODEL_NOT_FOUND : LLMErrorType.INVALID_REQUEST,
    message: `Invalid request: ${lines.join('; ')}`,
    providerName,
    model,
    retryable: false,
    details: { issues: result.errors },
  });
}
