import {
  findModelConfig,
  validateRequestAgainstConfig,
  type LLMProviderConfig,
  type LLMRequest,
  type ValidationIssue,
  type ValidationResult,
} from '@llm/core';
import { buildAnthropicRequest, type AnthropicRequestBody } from './build-anthropic-request';
import { UnsupportedRequestError } from './unsupported-request-error';

export interface PreparedClaudeRequest {
  result: ValidationResult;
  /** The Messages body, when the request is valid. */
  body?: AnthropicRequestBody;
}

/**
 * Everything checked before a network call: core's checks against the provider config (shape,
 * model, vision, tools, max_tokens), then what Claude cannot take (json_object output, a JSON schema
 * on a model configured without JSON mode, unsupported images, tool arguments that are not JSON).
 */
export function prepareClaudeRequest(
  request: unknown,
  config: LLMProviderConfig,
): PreparedClaudeRequest {
  const result = validateRequestAgainstConfig(request, config);
  if (!result.valid) return { result };
  const valid = request as LLMRequest;
  const issues: ValidationIssue[] = [];
  if (
    valid.response_format?.type === 'json_schema' &&
    findModelConfig(config, valid.model)?.supports_json_mode === false
  ) {
    issues.push({
      field: 'response_format',
      message: `Model "${valid.model}" is configured without JSON mode (supports_json_mode = false) but the request asks for a JSON schema`,
    });
  }
  let body: AnthropicRequestBody | undefined;
  try {
    body = buildAnthropicRequest(valid, config);
  } catch (error) {
    if (!(error instanceof UnsupportedRequestError)) throw error;
    issues.push({ field: error.field, message: error.message });
  }
  return issues.length > 0 ? { result: { valid: false, errors: issues } } : { result, body };
}
