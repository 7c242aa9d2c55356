import type { Anthropic } from '@anthropic-ai/sdk';
import { findModelConfig, type LLMProviderConfig, type LLMRequest } from '@llm/core';
import { convertResponseFormat } from './convert-response-format';
import { convertToAnthropicMessages } from './convert-to-anthropic-messages';
import { convertToAnthropicTools } from './convert-to-anthropic-tools';

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
