import type { LLMRequest } from '@llm/core';
import type { ChatCompletionCreateParamsBase } from 'openai/resources/chat/completions';
import { convertToOpenAIMessages } from './convert-to-openai-messages';
import { convertToOpenAITools, convertToOpenAIToolChoice } from './convert-to-openai-tools';

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

function defined<T extends Record<string, unknown>>(fields: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(fields).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
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
  const tokenCap = options.useMaxCompletionTokens ? 'max_completion_tokens' : 'max_tokens';
  const body: OpenAIChatBody = {
    model: options.modelId,
    messages: convertToOpenAIMessages(request.messages),
    ...defined({
      temperature: request.temperature,
      top_p: request.top_p,
      [tokenCap]: request.max_tokens,
      stop: request.stop,
      response_format: request.response_format,
      tools: request.tools?.length ? convertToOpenAITools(request.tools) : undefined,
      tool_choice:
        request.tool_choice === undefined
          ? undefined
          : convertToOpenAIToolChoice(request.tool_choice),
      parallel_tool_calls: request.parallel_tool_calls,
      presence_penalty: request.presence_penalty,
      frequency_penalty: request.frequency_penalty,
      seed: request.seed,
      user: request.user,
    }),
  };
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
