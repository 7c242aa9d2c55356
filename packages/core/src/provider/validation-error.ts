import { LLMError } from '../errors/llm-error';
import { LLMErrorType } from '../errors/llm-error-type';
import type { ValidationResult } from '../schemas/status';
import { MODEL_NOT_CONFIGURED } from './validate-request';

/** Turns a failed ValidationResult into the invalid_request error a call rejects with. */
export function validationError(
  result: ValidationResult,
  providerName: string,
  model?: string,
): LLMError {
  const lines = result.errors.map((issue) => `${issue.field}: ${issue.message}`);
  const isUnknownModel = result.errors.some((issue) => issue.code === MODEL_NOT_CONFIGURED);
  return new LLMError({
    type: isUnknownModel ? LLMErrorType.MODEL_NOT_FOUND : LLMErrorType.INVALID_REQUEST,
    message: `Invalid request: ${lines.join('; ')}`,
    providerName,
    model,
    retryable: false,
    details: { issues: result.errors },
  });
}
