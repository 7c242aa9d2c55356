import { LLMRequestSchema, type LLMRequest } from '../schemas/request';
import type { LLMModelConfig, LLMProviderConfig } from '../schemas/provider-config';
import type { ValidationIssue, ValidationResult } from '../schemas/status';
import { estimateMessageTokens } from '../token-estimation/estimate-message-tokens';
import { jsonSchemaProblem } from './validate-tool-schema';

/** The issue code of a request naming a model its provider does not list. */
export const MODEL_NOT_CONFIGURED = 'model_not_configured';
/** The issue code of a prompt plus requested output that does not fit the model's context window. */
export const CONTEXT_WINDOW_EXCEEDED = 'context_window_exceeded';

/**
 * What is known of a model where its config is silent: the manager fills it from the price
 * catalog (the model's input limit and its vision and function-calling flags). A configured value
 * always wins; a model nothing is known of is not restricted.
 */
export interface ModelDefaults {
  /** Where these facts come from, named in messages (`the price catalog`). */
  readonly source: string;
  readonly context_window?: number;
  readonly supports_vision?: boolean;
  readonly supports_tools?: boolean;
}

/** The TOML table of a model's settings, for messages that say where to change one. */
function modelTable(providerName: string, model: string): string {
  const key = (name: string) => (/^[A-Za-z0-9_-]+$/.test(name) ? name : JSON.stringify(name));
  return `[llm.providers.${key(providerName)}.models.${key(model)}]`;
}

/** UTF-8 bytes of `text`, counted without encoding it. */
const bytesOf = (text: string): number => Buffer.byteLength(text, 'utf8');

/**
 * A bound no prompt's token count exceeds: a token is at least one UTF-8 byte, so every text
 * `estimateMessageTokens` counts costs at most its bytes; plus its per-message and per-name
 * overhead, a fixed price per image and the tools' JSON. The texts' bytes are counted in place (no
 * JSON copy of the messages), so a long prompt costs a scan, not a serialization.
 */
export function promptTokensUpperBound(request: LLMRequest): number {
  let bytes = 0;
  let images = 0;
  for (const message of request.messages) {
    bytes += bytesOf(message.role) + (message.name ? bytesOf(message.name) : 0);
    const content = message.content;
    if (typeof content === 'string') bytes += bytesOf(content);
    else if (Array.isArray(content)) {
      for (const part of content) {
        if (part.type === 'text') bytes += bytesOf(part.text);
        else images += 1;
      }
    }
    for (const call of message.tool_calls ?? [])
      bytes += bytesOf(call.function.name) + bytesOf(call.function.arguments);
  }
  const tools = request.tools ? bytesOf(JSON.stringify(request.tools)) : 0;
  return bytes + tools + 4 * request.messages.length + 3 + 765 * images;
}

function checkContextWindow(
  request: LLMRequest,
  model: Pick<LLMModelConfig, 'name' | 'model_id' | 'context_window'>,
  defaults: ModelDefaults | undefined,
  issues: ValidationIssue[],
): void {
  const configured = model.context_window;
  const window = configured ?? defaults?.context_window;
  if (window === undefined) return;
  const from = configured === undefined ? `, from ${defaults!.source}` : '';
  const output = request.max_tokens ?? 0;
  // Exact counting (tiktoken) costs CPU on every call: skip it when even the upper bound fits.
  if (promptTokensUpperBound(request) + output <= window) return;
  const prompt = estimateMessageTokens(request.messages, {
    model: model.model_id ?? request.model,
    tools: request.tools,
  }).tokens;
  if (prompt + output <= window) return;
  issues.push({
    field: 'messages',
    code: CONTEXT_WINDOW_EXCEEDED,
    message:
      `The prompt (about ${prompt} tokens) plus max_tokens ${output} exceeds the context window of ` +
      `model "${model.name}" (${window} tokens${from}); shorten the conversation or lower max_tokens`,
  });
}

/**
 * The model config a request names, or undefined when the provider does not list it. A model whose
 * `name` is the request's model wins; only then is the first model whose `model_id` matches taken,
 * so an alias listed earlier (`gpt-4o-az` with `model_id = "gpt-4o"`) never captures `gpt-4o`.
 */
export function findModelConfig(
  config: LLMProviderConfig,
  model: string,
): LLMModelConfig | undefined {
  return (
    config.models.find((candidate) => candidate.name === model) ??
    config.models.find((candidate) => candidate.model_id === model)
  );
}

function hasImages(request: LLMRequest): boolean {
  return request.messages.some(
    (message) =>
      Array.isArray(message.content) && message.content.some((part) => part.type === 'image_url'),
  );
}

function checkAgainstModel(
  request: LLMRequest,
  config: LLMProviderConfig,
  defaults: ModelDefaults | undefined,
  issues: ValidationIssue[],
): void {
  const listed = findModelConfig(config, request.model);
  if (!listed && config.models.length > 0) {
    const configured = config.models.map((model) => model.name);
    issues.push({
      field: 'model',
      code: MODEL_NOT_CONFIGURED,
      message: `Model "${request.model}" is not configured for provider "${config.name}" (configured: ${configured.join(', ')})`,
    });
    return;
  }
  // A provider that lists no models takes any model; only what is known of it by default applies.
  const model: LLMModelConfig = listed ?? { name: request.model };
  const table = () => modelTable(config.name, model.name);
  if (hasImages(request)) {
    if (model.supports_vision === false) {
      issues.push({
        field: 'messages',
        message: `Model "${model.name}" is configured without vision (supports_vision = false) but the request contains images`,
      });
    } else if (model.supports_vision === undefined && defaults?.supports_vision === false) {
      issues.push({
        field: 'messages',
        message: `Model "${model.name}" does not take images according to ${defaults.source}, but the request contains images; if it does, set supports_vision = true in ${table()}`,
      });
    }
  }
  if (request.tools?.length) {
    if (model.supports_tools === false) {
      issues.push({
        field: 'tools',
        message: `Model "${model.name}" is configured without tools (supports_tools = false) but the request has ${request.tools.length} tool(s)`,
      });
    } else if (model.supports_tools === undefined && defaults?.supports_tools === false) {
      issues.push({
        field: 'tools',
        message: `Model "${model.name}" does not take tools according to ${defaults.source}, but the request has ${request.tools.length} tool(s); if it does, set supports_tools = true in ${table()}`,
      });
    }
  }
  if (model.mode === 'embedding') {
    issues.push({
      field: 'model',
      message: `Model "${model.name}" is an embedding model; use embed() instead of a chat call`,
    });
  }
  checkContextWindow(request, model, defaults, issues);
  if (
    request.max_tokens !== undefined &&
    model.max_tokens !== undefined &&
    request.max_tokens > model.max_tokens
  ) {
    issues.push({
      field: 'max_tokens',
      message: `max_tokens ${request.max_tokens} exceeds the limit of model "${model.name}" (${model.max_tokens})`,
    });
  }
}

function checkToolsAndMessages(request: LLMRequest, issues: ValidationIssue[]): void {
  const names = new Set<string>();
  request.tools?.forEach((tool, index) => {
    const parameters = tool.function.parameters;
    if (parameters && parameters['type'] !== undefined && parameters['type'] !== 'object') {
      issues.push({
        field: `tools.${index}.function.parameters.type`,
        message: `Tool "${tool.function.name}": parameters must be a JSON schema of type "object"`,
      });
    } else if (parameters) {
      const problem = jsonSchemaProblem(parameters);
      if (problem) {
        issues.push({
          field: `tools.${index}.function.parameters`,
          message: `Tool "${tool.function.name}": parameters ${problem}`,
        });
      }
    }
    if (names.has(tool.function.name)) {
      issues.push({
        field: `tools.${index}.function.name`,
        message: `Tool name "${tool.function.name}" is used twice`,
      });
    }
    names.add(tool.function.name);
  });
  const choice = request.tool_choice;
  if (typeof choice === 'object' && !names.has(choice.function.name)) {
    issues.push({
      field: 'tool_choice.function.name',
      message: `tool_choice names "${choice.function.name}", which is not among the request's tools`,
    });
  }
  if (choice !== undefined && choice !== 'none' && !request.tools?.length) {
    issues.push({
      field: 'tool_choice',
      message: 'tool_choice is set but the request has no tools',
    });
  }
  request.messages.forEach((message, index) => {
    if (message.role === 'tool' && !message.tool_call_id) {
      issues.push({
        field: `messages.${index}.tool_call_id`,
        message: 'A tool message needs the tool_call_id of the call it answers',
      });
    }
    const empty =
      message.content === null ||
      message.content === '' ||
      (Array.isArray(message.content) && message.content.length === 0);
    if (empty && !(message.role === 'assistant' && message.tool_calls?.length)) {
      issues.push({
        field: `messages.${index}.content`,
        message: `Message ${index} (${message.role}) has no content`,
      });
    }
  });
}

const ROLES: ReadonlySet<unknown> = new Set(['system', 'user', 'assistant', 'tool']);

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
const optionalString = (value: unknown) => value === undefined || typeof value === 'string';
const optionalBoolean = (value: unknown) => value === undefined || typeof value === 'boolean';
const optionalWithin = (value: unknown, min: number, max: number) =>
  value === undefined ||
  (typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max);
const optionalInteger = (value: unknown) =>
  value === undefined || (typeof value === 'number' && Number.isSafeInteger(value));

/** A message of text only (`role`, `content` as a string or null, `name`, `tool_call_id`). */
function isPlainMessage(message: unknown): boolean {
  if (!isPlainObject(message)) return false;
  for (const key in message) {
    const value = message[key];
    if (key === 'role') {
      if (!ROLES.has(value)) return false;
    } else if (key === 'content') {
      if (value !== null && typeof value !== 'string') return false;
    } else if (key === 'name' || key === 'tool_call_id') {
      if (!optionalString(value)) return false;
    } else return false;
  }
  return 'role' in message && 'content' in message;
}

/**
 * Whether `request` is a chat request of the common shape that `LLMRequestSchema` accepts as it
 * is: a plain object of text messages and scalar settings within their ranges. Checked by hand
 * because zod's parse of the whole schema (every optional field visited) is the largest part of a
 * call's validation; anything else (tools, images, response formats, tags, `extra_body`, an
 * unknown key, a value out of range) goes to `LLMRequestSchema`, which stays the one definition
 * of a valid request: this only answers `true` for requests it accepts, and
 * `validate-request.fast-path.test.ts` holds the two to that.
 */
export function isPlainChatRequest(request: unknown): request is LLMRequest {
  if (!isPlainObject(request)) return false;
  for (const key in request) {
    const value = request[key];
    switch (key) {
      case 'model':
        if (typeof value !== 'string' || value.length === 0) return false;
        break;
      case 'messages':
        if (!Array.isArray(value) || value.length === 0) return false;
        for (let index = 0; index < value.length; index++)
          if (!isPlainMessage(value[index])) return false;
        break;
      case 'provider':
      case 'user':
        if (!optionalString(value)) return false;
        break;
      case 'stream':
      case 'parallel_tool_calls':
        if (!optionalBoolean(value)) return false;
        break;
      case 'temperature':
        if (!optionalWithin(value, 0, 2)) return false;
        break;
      case 'top_p':
        if (!optionalWithin(value, 0, 1)) return false;
        break;
      case 'presence_penalty':
      case 'frequency_penalty':
        if (!optionalWithin(value, -2, 2)) return false;
        break;
      case 'max_tokens':
        if (!optionalInteger(value) || (value !== undefined && (value as number) <= 0))
          return false;
        break;
      case 'seed':
        if (!optionalInteger(value)) return false;
        break;
      default:
        return false;
    }
  }
  return 'model' in request && 'messages' in request;
}

/**
 * Checks a request before any network call: its shape, then what the provider's config says of the
 * model (listed, vision, tools, context window, max_tokens), with `defaults` where the model's config
 * is silent. Every problem is reported with the field it is in.
 */
export function validateRequestAgainstConfig(
  request: unknown,
  config?: LLMProviderConfig,
  defaults?: ModelDefaults,
): ValidationResult {
  if (isPlainChatRequest(request)) {
    const issues: ValidationIssue[] = [];
    checkToolsAndMessages(request, issues);
    if (config) checkAgainstModel(request, config, defaults, issues);
    return { valid: issues.length === 0, errors: issues };
  }
  const parsed = LLMRequestSchema.safeParse(request);
  if (!parsed.success) {
    return {
      valid: false,
      errors: parsed.error.issues.map((issue) => ({
        field: issue.path.join('.') || '(request)',
        message: issue.message,
      })),
    };
  }
  const issues: ValidationIssue[] = [];
  checkToolsAndMessages(parsed.data, issues);
  if (config) checkAgainstModel(parsed.data, config, defaults, issues);
  return { valid: issues.length === 0, errors: issues };
}

/**
 * The model checks of `validateRequestAgainstConfig` alone, for a request whose shape was already
 * validated (the manager checks the shape once, before routing reads it, then this per deployment).
 */
export function checkRequestForModel(
  request: LLMRequest,
  config: LLMProviderConfig,
  defaults?: ModelDefaults,
): ValidationResult {
  const issues: ValidationIssue[] = [];
  checkAgainstModel(request, config, defaults, issues);
  return { valid: issues.length === 0, errors: issues };
}
