import {
  LLMError,
  LLMErrorType,
  type LLMStreamChunk,
  type LLMToolCall,
  type TokenUsage,
  type ToolCallChunk,
  type ToolCallDeltaChunk,
} from '@llm/core';
import { contentFilterError } from '../errors/map-openai-error';
import type { ChatRuntime, OpenAICompatibleProviderOptions } from '../openai-compatible-provider';
import type { PreparedChatCall } from './convert-to-openai-chat-request';
import {
  buildResponseMetadata,
  mapOpenAIFinishReason,
  readReasoningText,
  type ResponseWireFacts,
} from './openai-chat-completion';
import { resolveUsage } from './openai-usage';

/** One tool-call fragment as Chat Completions streams send it (`id`/`name` only on the first). */
export interface ToolCallFragment {
  index: number;
  id?: string | null;
  function?: { name?: string | null; arguments?: string | null } | null;
}

interface PendingCall {
  id?: string;
  name?: string;
  arguments: string;
  completed: boolean;
}

/**
 * Joins streamed tool-call fragments by index. Calls arrive interleaved, so a call is only complete
 * when the stream says so (finish_reason or its end), never when its JSON first parses.
 */
export class ToolCallAccumulator {
  readonly #calls = new Map<number, PendingCall>();

  /** Records a fragment and returns it as a `tool-call-delta` chunk. */
  add(fragment: ToolCallFragment): ToolCallDeltaChunk {
    const call = this.#calls.get(fragment.index) ?? { arguments: '', completed: false };
    const id = fragment.id ?? undefined;
    const name = fragment.function?.name ?? undefined;
    const argumentsDelta = fragment.function?.arguments ?? '';
    call.id ??= id || undefined;
    call.name ??= name || undefined;
    call.arguments += argumentsDelta;
    this.#calls.set(fragment.index, call);
    return {
      type: 'tool-call-delta',
      index: fragment.index,
      ...(id ? { id } : {}),
      ...(name ? { name } : {}),
      arguments_delta: argumentsDelta,
    };
  }

  /** Marks every call not yet completed as complete and returns them, in index order. */
  complete(): ToolCallChunk[] {
    return this.#sorted()
      .filter(([, call]) => !call.completed)
      .map(([index, call]) => {
        call.completed = true;
        return { type: 'tool-call' as const, index, tool_call: toToolCall(index, call) };
      });
  }

  /** Every call seen so far, in index order. */
  toolCalls(): LLMToolCall[] {
    return this.#sorted().map(([index, call]) => toToolCall(index, call));
  }

  get size(): number {
    return this.#calls.size;
  }

  #sorted(): Array<[number, PendingCall]> {
    return [...this.#calls.entries()].sort(([left], [right]) => left - right);
  }
}

function toToolCall(index: number, call: PendingCall): LLMToolCall {
  // Some compatible servers omit ids; a stable one keeps multi-turn tool results matchable.
  return {
    id: call.id ?? `call_${index}`,
    type: 'function',
    function: { name: call.name ?? '', arguments: call.arguments },
  };
}

/** A Chat Completions stream chunk, typed loosely: compatible servers add and omit fields. */
export interface OpenAIWireChunk {
  id?: string;
  model?: string;
  created?: number;
  choices?: Array<{
    index?: number;
    delta?: { content?: string | null; tool_calls?: ToolCallFragment[] | null } & Record<
      string,
      unknown
    >;
    finish_reason?: string | null;
    content_filter_results?: unknown;
  }> | null;
  usage?: unknown;
  /** Azure: the first chunk carries the prompt's filter results and no choices. */
  prompt_filter_results?: unknown;
}

const hasKeys = (value: unknown) =>
  typeof value === 'object' && value !== null && Object.keys(value).length > 0;

/**
 * The state of one Chat Completions stream: turns each wire chunk into our chunks and remembers what
 * the final chunk (or an error) must report. Only the first choice is followed.
 */
export class OpenAIStreamAccumulator implements ResponseWireFacts {
  text = '';
  reasoning = '';
  rawFinishReason?: string;
  rawUsage?: unknown;
  responseId?: string;
  responseModel?: string;
  created?: number;
  promptFilterResults?: unknown;
  contentFilterResults?: unknown;
  readonly #toolCalls = new ToolCallAccumulator();

  /** Our chunks for one wire chunk: reasoning, text and tool-call deltas, and the completed calls at finish. */
  push(chunk: OpenAIWireChunk): LLMStreamChunk[] {
    this.responseId ||= chunk.id || undefined;
    this.responseModel ||= chunk.model || undefined;
    this.created ||= chunk.created || undefined;
    if (chunk.usage) this.rawUsage = chunk.usage;
    if (chunk.prompt_filter_results !== undefined)
      this.promptFilterResults = chunk.prompt_filter_results;
    const choice = chunk.choices?.find((candidate) => (candidate.index ?? 0) === 0);
    if (!choice) return [];
    const out: LLMStreamChunk[] = [];
    const reasoning = readReasoningText(choice.delta);
    if (reasoning) {
      this.reasoning += reasoning;
      out.push({ type: 'reasoning-delta', delta: reasoning });
    }
    const content = choice.delta?.content;
    if (typeof content === 'string' && content.length > 0) {
      this.text += content;
      out.push({ type: 'text-delta', delta: content });
    }
    for (const fragment of choice.delta?.tool_calls ?? []) out.push(this.#toolCalls.add(fragment));
    if (hasKeys(choice.content_filter_results))
      this.contentFilterResults = choice.content_filter_results;
    if (choice.finish_reason) {
      this.rawFinishReason = choice.finish_reason;
      out.push(...this.#toolCalls.complete());
    }
    return out;
  }

  /** Tool calls not completed by a finish_reason, completed now that the stream ended. */
  completeToolCalls(): LLMStreamChunk[] {
    return this.#toolCalls.complete();
  }

  get finished(): boolean {
    return this.rawFinishReason !== undefined;
  }

  toolCalls(): LLMToolCall[] {
    return this.#toolCalls.toolCalls();
  }
}

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
