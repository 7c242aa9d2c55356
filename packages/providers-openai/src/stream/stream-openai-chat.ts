import { LLMError, LLMErrorType, type LLMStreamChunk, type TokenUsage } from '@llm/core';
import { buildResponseMetadata } from '../response/build-response-metadata';
import { contentFilterError } from '../response/content-filter';
import { mapOpenAIFinishReason } from '../response/map-openai-finish-reason';
import { resolveUsage } from '../response/resolve-usage';
import type { ChatRuntime } from '../provider/chat-runtime';
import type { OpenAICompatibleProviderOptions } from '../provider/openai-compatible-options';
import type { PreparedChatCall } from '../provider/prepare-chat-call';
import { OpenAIStreamAccumulator, type OpenAIWireChunk } from './openai-stream-accumulator';

export interface StreamOpenAIChatOptions {
  call: PreparedChatCall;
  runtime: ChatRuntime;
  signal?: AbortSignal;
  requestId?: string | null;
  /** When the request was sent (clock ms), for `response_time`. */
  startedAt: number;
  transformChunk?: OpenAICompatibleProviderOptions['transformStreamChunk'];
}

/**
 * Our stream from the SDK's chunk stream: text, reasoning and tool-call deltas as they arrive, each
 * tool call complete once the model finished, then one `finish` chunk with the usage. Every failure
 * (an error frame, a dropped socket, malformed JSON, an abort, a stream that ends before the model
 * finished) ends the iteration with a typed LLMError carrying the usage known so far.
 * Breaking out of the loop returns the SDK stream, which aborts the HTTP request.
 */
export async function* streamOpenAIChat(
  source: AsyncIterable<unknown>,
  options: StreamOpenAIChatOptions,
): AsyncGenerator<LLMStreamChunk, void, undefined> {
  const { call, runtime, signal } = options;
  const { request } = call.context;
  const state = new OpenAIStreamAccumulator();
  const usageSoFar = (quiet: boolean): TokenUsage =>
    resolveUsage(state.rawUsage, {
      request,
      estimationModel: call.estimationModel,
      output: { text: state.text, reasoning: state.reasoning, toolCalls: state.toolCalls() },
      logger: quiet || runtime.usageMayBeMissing ? undefined : runtime.logger,
      providerName: runtime.providerName,
    });
  const fail = (error: unknown) => {
    const mapped = runtime.mapError(error, {
      model: request.model,
      usage: usageSoFar(true),
      signal,
    });
    // A dropped socket knows no request id; the response headers that opened the stream did.
    return mapped.requestId || !options.requestId
      ? mapped
      : mapped.with({ requestId: options.requestId });
  };

  try {
    for await (const wireChunk of source) {
      const chunk = options.transformChunk
        ? options.transformChunk(wireChunk as OpenAIWireChunk, call.context)
        : (wireChunk as OpenAIWireChunk);
      if (chunk) yield* state.push(chunk);
    }
  } catch (error) {
    throw fail(error);
  }
  // The SDK ends a stream quietly when its request is aborted; the caller still gets the abort.
  if (signal?.aborted) throw fail(signal.reason);
  if (!state.finished) {
    throw fail(
      new LLMError({
        type: LLMErrorType.NETWORK_ERROR,
        message: `The stream of provider "${runtime.providerName}" ended before the model finished (no finish_reason); the answer may be cut off`,
        providerName: runtime.providerName,
        requestId: options.requestId ?? undefined,
        model: request.model,
        details: { incomplete_stream: true },
      }),
    );
  }
  yield* state.completeToolCalls();
  const usage = usageSoFar(false);
  const finishReason = mapOpenAIFinishReason(state.rawFinishReason);
  if (finishReason === 'content_filter') {
    throw contentFilterError({
      providerName: runtime.providerName,
      source: 'completion',
      results: state.contentFilterResults,
      model: request.model,
      usage,
      requestId: options.requestId ?? undefined,
    });
  }
  yield {
    type: 'finish',
    finish_reason: finishReason,
    usage,
    model: request.model,
    metadata: buildResponseMetadata(
      {
        providerName: runtime.providerName,
        providerType: runtime.providerType,
        responseTime: runtime.clock.now() - options.startedAt,
        requestId: options.requestId,
      },
      state,
    ),
  };
}
