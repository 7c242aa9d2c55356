import { LLMError, LLMErrorType, type LLMResponse } from '@llm/core';
import type OpenAI from 'openai';
import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { buildResponseMetadata } from '../response/build-response-metadata';
import { contentFilterError } from '../response/content-filter';
import { parseOpenAIChatCompletion } from '../response/parse-openai-chat-completion';
import { resolveUsage } from '../response/resolve-usage';
import type { ChatRuntime } from './chat-runtime';
import type { OpenAICompatibleProviderOptions } from './openai-compatible-options';
import type { PreparedChatCall } from './prepare-chat-call';

/**
 * One non-streaming Chat Completions call: send, read the first choice, normalize or estimate usage.
 * A content-filter finish rejects with the typed content-filter error (usage attached).
 */
export async function runChatCompletion(
  client: OpenAI,
  call: PreparedChatCall,
  runtime: ChatRuntime,
  requestOptions: OpenAI.RequestOptions,
  transformResponse?: OpenAICompatibleProviderOptions['transformResponse'],
): Promise<LLMResponse> {
  const { request } = call.context;
  const startedAt = runtime.clock.now();
  let body: unknown;
  let requestId: string | null;
  try {
    const created = client.chat.completions.create(
      call.body as ChatCompletionCreateParamsNonStreaming,
      requestOptions,
    );
    ({ data: body, request_id: requestId } = await created.withResponse());
  } catch (error) {
    throw runtime.mapError(error, {
      model: request.model,
      signal: requestOptions.signal ?? undefined,
    });
  }
  const parsed = parseOpenAIChatCompletion(
    transformResponse ? transformResponse(body, call.context) : body,
  );
  if (!parsed) {
    throw new LLMError({
      type: LLMErrorType.SERVER_ERROR,
      message: `Provider "${runtime.providerName}" answered with something that is not a chat completion (${typeof body})`,
      providerName: runtime.providerName,
      requestId: requestId ?? undefined,
      model: request.model,
      details: { malformed_response: true },
    });
  }
  const usage = resolveUsage(parsed.rawUsage, {
    request,
    estimationModel: call.estimationModel,
    output: { text: parsed.content, reasoning: parsed.reasoning, toolCalls: parsed.toolCalls },
    logger: runtime.usageMayBeMissing ? undefined : runtime.logger,
    providerName: runtime.providerName,
  });
  if (parsed.finishReason === 'content_filter') {
    throw contentFilterError({
      providerName: runtime.providerName,
      source: 'completion',
      results: parsed.contentFilterResults,
      model: request.model,
      usage,
      requestId: requestId ?? undefined,
    });
  }
  return {
    success: true,
    ...(parsed.content !== undefined ? { content: parsed.content } : {}),
    ...(parsed.reasoning ? { reasoning: parsed.reasoning } : {}),
    model: request.model,
    usage,
    finish_reason: parsed.finishReason,
    ...(parsed.toolCalls ? { tool_calls: parsed.toolCalls } : {}),
    metadata: buildResponseMetadata(
      {
        providerName: runtime.providerName,
        providerType: runtime.providerType,
        responseTime: runtime.clock.now() - startedAt,
        requestId,
      },
      parsed,
    ),
  };
}
