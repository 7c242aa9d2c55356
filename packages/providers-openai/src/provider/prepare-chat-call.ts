import {
  LLMError,
  findModelConfig,
  validateRequestAgainstConfig,
  validationError,
  type LLMProviderConfig,
  type LLMRequest,
} from '@llm/core';
import { buildOpenAIChatBody, type OpenAIChatBody } from '../request/build-openai-chat-body';
import { usesMaxCompletionTokens } from '../request/uses-max-completion-tokens';
import type {
  ChatTransformContext,
  OpenAICompatibleProviderOptions,
} from './openai-compatible-options';

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
): PreparedChatCall {
  const result = validateRequestAgainstConfig(request, config);
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
