import {
  LLMError,
  LLMErrorType,
  findModelConfig,
  validateRequestAgainstConfig,
  validationError,
  type LLMContent,
  type LLMMessage,
  type LLMProviderConfig,
  type LLMRequest,
  type LLMTool,
  type LLMToolChoice,
  type ValidationResult,
} from '@llm/core';
import type {
  ChatCompletionContentPart,
  ChatCompletionContentPartText,
  ChatCompletionCreateParamsBase,
  ChatCompletionFunctionTool,
  ChatCompletionMessageParam,
  ChatCompletionToolChoiceOption,
} from 'openai/resources/chat/completions';
import type {
  ChatTransformContext,
  OpenAICompatibleProviderOptions,
} from '../openai-compatible-provider';

function toContentPart(part: LLMContent): ChatCompletionContentPart {
  if (part.type === 'text') return { type: 'text', text: part.text };
  const { url, detail } = part.image_url;
  return { type: 'image_url', image_url: detail ? { url, detail } : { url } };
}

/** Text-only content for roles that cannot carry images (system, assistant, tool). */
function toTextContent(
  message: LLMMessage,
  index: number,
): string | ChatCompletionContentPartText[] {
  if (typeof message.content === 'string') return message.content;
  if (message.content === null) return '';
  return message.content.map((part) => {
    if (part.type !== 'text') {
      throw new LLMError({
        type: LLMErrorType.INVALID_REQUEST,
        message: `messages.${index}.content: a ${message.role} message cannot hold images; only user messages can`,
        retryable: false,
      });
    }
    return { type: 'text', text: part.text };
  });
}

function convertMessage(message: LLMMessage, index: number): ChatCompletionMessageParam {
  // Objects are built by assignment (no spread of an empty object): this runs for every message of
  // every call.
  switch (message.role) {
    case 'system': {
      const converted: ChatCompletionMessageParam = {
        role: 'system',
        content: toTextContent(message, index),
      };
      if (message.name !== undefined) converted.name = message.name;
      return converted;
    }
    case 'user': {
      const converted: ChatCompletionMessageParam = {
        role: 'user',
        content:
          typeof message.content === 'string' || message.content === null
            ? (message.content ?? '')
            : message.content.map(toContentPart),
      };
      if (message.name !== undefined) converted.name = message.name;
      return converted;
    }
    case 'assistant': {
      const empty =
        message.content === null ||
        message.content === '' ||
        (Array.isArray(message.content) && message.content.length === 0);
      const converted: ChatCompletionMessageParam = {
        role: 'assistant',
        content: empty ? null : toTextContent(message, index),
      };
      if (message.tool_calls?.length)
        converted.tool_calls = message.tool_calls.map((call) => ({
          ...call,
          function: { ...call.function },
        }));
      if (message.name !== undefined) converted.name = message.name;
      return converted;
    }
    case 'tool':
      return {
        role: 'tool',
        tool_call_id: message.tool_call_id ?? '',
        content: toTextContent(message, index),
      };
  }
}

/**
 * Our messages in the Chat Completions wire form: every role, image parts (https or data: URIs) on
 * user turns, assistant tool calls and tool results. Throws an invalid_request LLMError for images
 * in a role that cannot carry them.
 */
export function convertToOpenAIMessages(
  messages: readonly LLMMessage[],
): ChatCompletionMessageParam[] {
  return messages.map(convertMessage);
}

/** Our tools as Chat Completions function tools; optional fields are only sent when set. */
export function convertToOpenAITools(tools: readonly LLMTool[]): ChatCompletionFunctionTool[] {
  return tools.map(({ function: definition }) => ({
    type: 'function',
    function: {
      name: definition.name,
      ...(definition.description === undefined ? {} : { description: definition.description }),
      ...(definition.parameters === undefined ? {} : { parameters: definition.parameters }),
      ...(definition.strict === undefined ? {} : { strict: definition.strict }),
    },
  }));
}

/** `auto` / `required` / `none` pass through; a named tool becomes `{ type: 'function', function: { name } }`. */
export function convertToOpenAIToolChoice(choice: LLMToolChoice): ChatCompletionToolChoiceOption {
  if (typeof choice === 'string') return choice;
  return { type: 'function', function: { name: choice.function.name } };
}

// Reasoning models (o1, o3, o4-mini, gpt-5, …) reject `max_tokens` with 400 unsupported_parameter and
// want `max_completion_tokens` instead; older chat models and most compatible servers only know
// `max_tokens`.
const REASONING_MODEL = /^(?:.*\/)?(?:o\d(?:-|$)|gpt-5|codex)/i;

/**
 * Whether a request's token cap must be sent as `max_completion_tokens`. Any of the names that
 * identify the model counts (the request's model, its `model_id`, an Azure deployment name).
 */
export function usesMaxCompletionTokens(...modelNames: ReadonlyArray<string | undefined>): boolean {
  return modelNames.some((name) => name !== undefined && REASONING_MODEL.test(name));
}

/** A Chat Completions body; extra keys are allowed for `extra_body` and compatible servers' fields. */
export type OpenAIChatBody = ChatCompletionCreateParamsBase & Record<string, unknown>;

export interface BuildChatBodyOptions {
  /** The id sent as `model` (model_id, an Azure deployment, or the request's model). */
  modelId: string;
  stream: boolean;
  /** Send the token cap as `max_completion_tokens` (reasoning models) instead of `max_tokens`. */
  useMaxCompletionTokens: boolean;
  /** Streams: ask for the final usage chunk (default true). */
  includeStreamUsage?: boolean;
}

/**
 * Maps an LLMRequest field by field to the Chat Completions body. Fields the request leaves unset are
 * not sent; `extra_body` is merged as given,
 * but cannot switch streaming on or off.
 */
export function buildOpenAIChatBody(
  request: LLMRequest,
  options: BuildChatBodyOptions,
): OpenAIChatBody {
  const body: OpenAIChatBody = {
    model: options.modelId,
    messages: convertToOpenAIMessages(request.messages),
  };
  // Only the fields the request sets, in this order; assigned one by one (this runs on every call).
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.top_p !== undefined) body.top_p = request.top_p;
  if (request.max_tokens !== undefined) {
    if (options.useMaxCompletionTokens) body.max_completion_tokens = request.max_tokens;
    else body.max_tokens = request.max_tokens;
  }
  if (request.stop !== undefined) body.stop = request.stop;
  if (request.response_format !== undefined) body.response_format = request.response_format;
  if (request.tools?.length) body.tools = convertToOpenAITools(request.tools);
  if (request.tool_choice !== undefined)
    body.tool_choice = convertToOpenAIToolChoice(request.tool_choice);
  if (request.parallel_tool_calls !== undefined)
    body.parallel_tool_calls = request.parallel_tool_calls;
  if (request.presence_penalty !== undefined) body.presence_penalty = request.presence_penalty;
  if (request.frequency_penalty !== undefined) body.frequency_penalty = request.frequency_penalty;
  if (request.seed !== undefined) body.seed = request.seed;
  if (request.user !== undefined) body.user = request.user;
  if (request.extra_body) Object.assign(body, request.extra_body);
  if (options.stream) {
    body.stream = true;
    // Without it OpenAI streams carry no usage at all; an explicit extra_body value still wins.
    if (options.includeStreamUsage !== false)
      body.stream_options = { include_usage: true, ...body.stream_options };
  } else {
    delete body.stream;
    delete body.stream_options;
  }
  return body;
}

/** A chat call checked and mapped, ready to send. */
export interface PreparedChatCall {
  readonly context: ChatTransformContext;
  readonly body: OpenAIChatBody;
  /** The model name token estimates use (tiktoken for OpenAI families). */
  readonly estimationModel: string;
}

/** The default `model` on the wire: the model's `model_id`, else what the request named. */
export function defaultModelId(
  requestModel: string,
  model: { model_id?: string } | undefined,
): string {
  return model?.model_id ?? requestModel;
}

/**
 * Validates the request against the provider's config (throwing the invalid_request / model_not_found
 * LLMError before any network call) and builds the wire body through the provider's seams.
 */
export function prepareChatCall(
  request: LLMRequest,
  config: LLMProviderConfig,
  options: OpenAICompatibleProviderOptions,
  stream: boolean,
  requestChecked = false,
): PreparedChatCall {
  const result: ValidationResult = requestChecked
    ? { valid: true, errors: [] }
    : validateRequestAgainstConfig(request, config);
  const model = findModelConfig(config, request.model);
  if (stream && model?.supports_streaming === false) {
    result.errors.push({
      field: 'stream',
      message: `Model "${model.name}" is configured without streaming (supports_streaming = false)`,
    });
    result.valid = false;
  }
  if (!result.valid) throw validationError(result, config.name, request.model);
  const modelId = (options.resolveModelId ?? defaultModelId)(request.model, model);
  const useMaxCompletionTokens = options.useMaxCompletionTokens
    ? options.useMaxCompletionTokens(modelId, request.model, model)
    : usesMaxCompletionTokens(modelId, request.model, model?.model_id, model?.name);
  const context: ChatTransformContext = { request, model, modelId, config, stream };
  let body: OpenAIChatBody;
  try {
    body = buildOpenAIChatBody(request, {
      modelId,
      stream,
      useMaxCompletionTokens,
      includeStreamUsage: options.includeStreamUsage,
    });
  } catch (error) {
    throw LLMError.is(error)
      ? error.with({ providerName: config.name, model: request.model })
      : error;
  }
  return {
    context,
    body: options.transformRequest ? options.transformRequest(body, context) : body,
    estimationModel: model?.model_id ?? model?.name ?? request.model,
  };
}
