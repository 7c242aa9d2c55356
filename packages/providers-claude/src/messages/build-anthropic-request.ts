import type { Anthropic } from '@anthropic-ai/sdk';
import {
  findModelConfig,
  validateRequestAgainstConfig,
  type LLMProviderConfig,
  type LLMRequest,
  type ResponseFormat,
  type ValidationIssue,
  type ValidationResult,
} from '@llm/core';
import {
  convertToAnthropicMessages,
  UnsupportedRequestError,
} from './convert-to-anthropic-messages';

/** `max_tokens` sent when neither the request nor `default_max_tokens` gives one (the API requires it). */
export const DEFAULT_MAX_TOKENS = 4096;

/**
 * The Messages API body. `temperature` and `top_p` are not in the 1.x SDK's types (API version
 * 2026-10-21 deprecated sampling parameters) but are still sent when a request sets them.
 */
export type AnthropicRequestBody = Omit<Anthropic.MessageCreateParamsNonStreaming, 'stream'> & {
  temperature?: number;
  top_p?: number;
};

export interface AnthropicToolSettings {
  tools?: Anthropic.Tool[];
  tool_choice?: Anthropic.ToolChoice;
}

export interface PreparedClaudeRequest {
  result: ValidationResult;
  /** The Messages body, when the request is valid. */
  body?: AnthropicRequestBody;
}

const EMPTY_OBJECT_SCHEMA: Anthropic.Tool.InputSchema = { type: 'object', properties: {} };

function toolChoice(request: LLMRequest): Anthropic.ToolChoice | undefined {
  const disableParallel =
    request.parallel_tool_calls === false ? { disable_parallel_tool_use: true } : {};
  const choice = request.tool_choice;
  if (choice === 'none') return { type: 'none' };
  if (choice === 'required') return { type: 'any', ...disableParallel };
  if (typeof choice === 'object')
    return { type: 'tool', name: choice.function.name, ...disableParallel };
  if (choice === 'auto' || request.parallel_tool_calls === false)
    return { type: 'auto', ...disableParallel };
  return undefined;
}

/**
 * Function tools → Claude tools (`{name, description, input_schema}`), and `tool_choice` auto /
 * required (`any`) / none / a named tool (`{type: 'tool', name}`); `parallel_tool_calls: false`
 * becomes `disable_parallel_tool_use`.
 */
export function convertToAnthropicTools(request: LLMRequest): AnthropicToolSettings {
  if (!request.tools?.length) return {};
  const tools = request.tools.map((tool): Anthropic.Tool => ({
    name: tool.function.name,
    ...(tool.function.description !== undefined && { description: tool.function.description }),
    input_schema:
      (tool.function.parameters as Anthropic.Tool.InputSchema | undefined) ?? EMPTY_OBJECT_SCHEMA,
    ...(tool.function.strict !== undefined && { strict: tool.function.strict }),
  }));
  const choice = toolChoice(request);
  return choice ? { tools, tool_choice: choice } : { tools };
}

/**
 * `response_format` → Claude structured outputs: a JSON schema is sent as `output_config.format`
 * (the answer then arrives as JSON text). Claude has no schema-less JSON mode, so `json_object` is
 * refused before any call rather than silently ignored.
 */
export function convertResponseFormat(format: ResponseFormat | undefined): {
  output_config?: Anthropic.OutputConfig;
} {
  if (!format || format.type === 'text') return {};
  if (format.type === 'json_object') {
    throw new UnsupportedRequestError(
      'response_format.type',
      'Claude has no schema-less JSON mode; use response_format { type: "json_schema", json_schema: { name, schema } } (sent as output_config.format)',
    );
  }
  return { output_config: { format: { type: 'json_schema', schema: format.json_schema.schema } } };
}

function maxTokens(request: LLMRequest, config: LLMProviderConfig): number {
  if (request.max_tokens !== undefined) return request.max_tokens;
  const modelLimit = findModelConfig(config, request.model)?.max_tokens;
  const fallback = config.default_max_tokens ?? DEFAULT_MAX_TOKENS;
  return modelLimit === undefined ? fallback : Math.min(fallback, modelLimit);
}

/**
 * An LLMRequest → the Claude Messages body: system lifted out, `max_tokens` defaulted (capped by the
 * model's configured limit), `stop` → `stop_sequences`, `user` → `metadata.user_id`, tools and
 * tool choice, JSON schema output, then `extra_body` merged over everything (e.g. `thinking`).
 * Throws UnsupportedRequestError for what Claude cannot take.
 */
export function buildAnthropicRequest(
  request: LLMRequest,
  config: LLMProviderConfig,
): AnthropicRequestBody {
  const prompt = convertToAnthropicMessages(request.messages);
  const body: AnthropicRequestBody = {
    model: findModelConfig(config, request.model)?.model_id ?? request.model,
    max_tokens: maxTokens(request, config),
    messages: prompt.messages,
    ...(prompt.system !== undefined && { system: prompt.system }),
    ...(request.temperature !== undefined && { temperature: request.temperature }),
    ...(request.top_p !== undefined && { top_p: request.top_p }),
    ...(request.stop && request.stop.length > 0 && { stop_sequences: request.stop }),
    ...(request.user !== undefined && { metadata: { user_id: request.user } }),
    ...convertToAnthropicTools(request),
    ...convertResponseFormat(request.response_format),
  };
  return { ...body, ...(request.extra_body as Partial<AnthropicRequestBody> | undefined) };
}

/**
 * Everything checked before a network call: core's checks against the provider config (shape,
 * model, vision, tools, max_tokens), then what Claude cannot take (json_object output, a JSON schema
 * on a model configured without JSON mode, unsupported images, tool arguments that are not JSON).
 * A valid request comes back with its Messages body.
 */
export function prepareClaudeRequest(
  request: unknown,
  config: LLMProviderConfig,
  requestChecked = false,
): PreparedClaudeRequest {
  const result: ValidationResult = requestChecked
    ? { valid: true, errors: [] }
    : validateRequestAgainstConfig(request, config);
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
    if (!UnsupportedRequestError.is(error)) throw error;
    issues.push({ field: error.field, message: error.message });
  }
  return issues.length > 0 ? { result: { valid: false, errors: issues } } : { result, body };
}
