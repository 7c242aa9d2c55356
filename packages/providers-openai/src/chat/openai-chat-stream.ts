import {
  LLMError,
  LLMErrorType,
  ServerSentEventReader,
  reportSkippedStreamEvent,
  type CallOptions,
  type LLMStreamChunk,
  type LLMToolCall,
  type TokenUsage,
  type ToolCallChunk,
  type ToolCallDeltaChunk,
} from '@llm/core';
import { contentFilterError } from '../errors/map-openai-error';
import { loadedOpenAISdk } from '../openai-sdk';
import type { ChatRuntime, OpenAICompatibleProviderOptions } from '../openai-compatible-provider';
import type { PreparedChatCall } from './convert-to-openai-chat-request';
import {
  buildResponseMetadata,
  mapOpenAIFinishReason,
  readReasoningText,
  resolveUsage,
  type ResponseWireFacts,
} from './openai-chat-completion';

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
    const delta: ToolCallDeltaChunk = {
      type: 'tool-call-delta',
      index: fragment.index,
      arguments_delta: argumentsDelta,
    };
    if (id) delta.id = id;
    if (name) delta.name = name;
    return delta;
  }

  /** Marks every call not yet completed as complete and returns them, in index order. */
  complete(): ToolCallChunk[] {
    if (this.#calls.size === 0) return [];
    return this.#sorted()
      .filter(([, call]) => !call.completed)
      .map(([index, call]) => {
        call.completed = true;
        return { type: 'tool-call' as const, index, tool_call: toToolCall(index, call) };
      });
  }

  /** Every call seen so far, in index order. */
  toolCalls(): LLMToolCall[] {
    if (this.#calls.size === 0) return [];
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

type WireChoice = NonNullable<OpenAIWireChunk['choices']>[number];

/** The choice with index 0 (a missing index counts as 0): the only one followed. */
function firstChoice(choices: OpenAIWireChunk['choices']): WireChoice | undefined {
  if (!choices) return undefined;
  for (let position = 0; position < choices.length; position += 1) {
    const choice = choices[position]!;
    if ((choice.index ?? 0) === 0) return choice;
  }
  return undefined;
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
    const out: LLMStreamChunk[] = [];
    this.pushInto(chunk, out);
    return out;
  }

  /**
   * `push` appending to the caller's array: the stream reuses one array for every chunk. Plain
   * property reads and writes only; this runs once per wire chunk.
   */
  pushInto(chunk: OpenAIWireChunk, out: LLMStreamChunk[]): void {
    if (this.responseId === undefined && chunk.id) this.responseId = chunk.id;
    if (this.responseModel === undefined && chunk.model) this.responseModel = chunk.model;
    if (this.created === undefined && chunk.created) this.created = chunk.created;
    if (chunk.usage) this.rawUsage = chunk.usage;
    if (chunk.prompt_filter_results !== undefined)
      this.promptFilterResults = chunk.prompt_filter_results;
    const choice = firstChoice(chunk.choices);
    if (!choice) return;
    const delta = choice.delta;
    const reasoning = readReasoningText(delta);
    if (reasoning) {
      this.reasoning += reasoning;
      out.push({ type: 'reasoning-delta', delta: reasoning });
    }
    const content = delta?.content;
    if (typeof content === 'string' && content.length > 0) {
      this.text += content;
      out.push({ type: 'text-delta', delta: content });
    }
    const fragments = delta?.tool_calls;
    if (fragments) for (const fragment of fragments) out.push(this.#toolCalls.add(fragment));
    if (hasKeys(choice.content_filter_results))
      this.contentFilterResults = choice.content_filter_results;
    if (choice.finish_reason) {
      this.rawFinishReason = choice.finish_reason;
      for (const call of this.#toolCalls.complete()) out.push(call);
    }
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

/** A stream's request, sent: what `open` resolves with once the response is an event stream. */
export interface OpenedChatStream {
  readonly call: PreparedChatCall;
  readonly response: Response;
  readonly requestId?: string | null;
  /** When the request was sent (clock ms), for `response_time`. */
  readonly startedAt: number;
  /** Called once the stream is over (however it ended): releases what the request held. */
  readonly release?: () => void;
}

export interface StreamOpenAIChatOptions {
  runtime: ChatRuntime;
  signal?: AbortSignal;
  transformChunk?: OpenAICompatibleProviderOptions['transformStreamChunk'];
  /** Told about each event skipped because it could not be parsed. */
  onEventSkipped?: CallOptions['onStreamEventSkipped'];
  /** Usage was asked for (`stream_options.include_usage`): a finish is complete once it arrived. */
  expectUsage?: boolean;
}

/** A chunk with its `error` field set is an error frame (`data: {"error": {...}}`). */
const isErrorFrame = (value: object): value is { error: unknown } =>
  Boolean((value as { error?: unknown }).error);

/**
 * Our stream from the response's event stream (read with core's `ServerSentEventReader`): text,
 * reasoning and tool-call deltas as they arrive, each tool call complete once the model finished,
 * then one `finish` chunk with the usage. An event whose data is not JSON (or not an object) is
 * skipped and reported through `onEventSkipped`; the stream goes on. The stream is complete at
 * `[DONE]`, at the end of the body, or as soon as the finish and the usage asked for have both
 * arrived (a server that never sends `[DONE]` does not hold the answer back). Every failure (an
 * error frame, a dropped socket, an abort, a stream that ends before the model finished) ends the
 * iteration with a typed LLMError carrying the usage known so far. Breaking out of the loop
 * cancels the body, which closes the HTTP request.
 */
export async function* streamOpenAIChat(
  open: () => Promise<OpenedChatStream>,
  options: StreamOpenAIChatOptions,
): AsyncGenerator<LLMStreamChunk, void, undefined> {
  // The request is sent on the first read, here: the caller iterates this one generator (no
  // `yield*` layer in the provider around it), and `release` runs however the stream ends.
  const opened = await open();
  const { call, response } = opened;
  const { runtime, signal, transformChunk } = options;
  try {
    const { request } = call.context;
    const state = new OpenAIStreamAccumulator();
    const usageSoFar = (quiet: boolean): TokenUsage =>
      resolveUsage(state.rawUsage, {
        request,
        estimationModel: call.estimationModel,
        // Read only when the server reported no usage and it is estimated.
        output: () => ({
          text: state.text,
          reasoning: state.reasoning,
          toolCalls: state.toolCalls(),
        }),
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
      return mapped.requestId || !opened.requestId
        ? mapped
        : mapped.with({ requestId: opened.requestId });
    };
    let skipped = 0;
    const skip = (index: number, reason: 'invalid_json' | 'unexpected_shape', data: string) => {
      skipped += 1;
      reportSkippedStreamEvent(
        options.onEventSkipped,
        { provider: runtime.providerName, model: request.model, index, reason, data },
        runtime.secrets,
        runtime.logger,
      );
    };

    const reader = new ServerSentEventReader(response.body!, { clock: runtime.clock });
    const out: LLMStreamChunk[] = [];
    let index = -1;
    let complete = false;
    try {
      let events: readonly { data: string }[] | undefined;
      while (!complete && (events = await reader.next()) !== undefined) {
        for (const event of events) {
          index += 1;
          const data = event.data;
          if (data.startsWith('[DONE]')) {
            complete = true;
            break;
          }
          let wire: unknown;
          try {
            wire = JSON.parse(data);
          } catch {
            skip(index, 'invalid_json', data);
            continue;
          }
          if (typeof wire !== 'object' || wire === null || Array.isArray(wire)) {
            skip(index, 'unexpected_shape', data);
            continue;
          }
          if (isErrorFrame(wire)) {
            // The SDK's own error class for an error frame, so the error table reads it as before.
            const sdk = loadedOpenAISdk()!;
            throw new sdk.APIError(undefined, wire.error as object, undefined, response.headers);
          }
          const chunk = transformChunk
            ? transformChunk(wire as OpenAIWireChunk, call.context)
            : (wire as OpenAIWireChunk);
          if (!chunk) continue;
          state.pushInto(chunk, out);
          for (let position = 0; position < out.length; position += 1) yield out[position]!;
          out.length = 0;
        }
        if (state.finished && (state.rawUsage !== undefined || !options.expectUsage))
          complete = true;
      }
    } catch (error) {
      reader.close({ drain: false });
      throw fail(error);
    } finally {
      // A consumer that broke out (complete is false) closes the request; a finished one drains.
      reader.close({ drain: complete || reader.ended });
    }
    if (signal?.aborted) throw fail(signal.reason);
    if (!state.finished) {
      throw fail(
        skipped > 0
          ? new LLMError({
              type: LLMErrorType.SERVER_ERROR,
              message: `The stream of provider "${runtime.providerName}" ended before the model finished (no finish_reason), after ${skipped} event(s) that could not be parsed; the answer may be cut off`,
              providerName: runtime.providerName,
              requestId: opened.requestId ?? undefined,
              model: request.model,
              retryable: true,
              details: {
                incomplete_stream: true,
                malformed_response: true,
                skipped_events: skipped,
              },
            })
          : new LLMError({
              type: LLMErrorType.NETWORK_ERROR,
              message: `The stream of provider "${runtime.providerName}" ended before the model finished (no finish_reason); the answer may be cut off`,
              providerName: runtime.providerName,
              requestId: opened.requestId ?? undefined,
              model: request.model,
              details: { incomplete_stream: true },
            }),
      );
    }
    // A plain loop, not `yield*` over an array: most streams have no tool call left to complete.
    const completed = state.completeToolCalls();
    for (let position = 0; position < completed.length; position += 1) yield completed[position]!;
    const usage = usageSoFar(false);
    const finishReason = mapOpenAIFinishReason(state.rawFinishReason);
    if (finishReason === 'content_filter') {
      throw contentFilterError({
        providerName: runtime.providerName,
        source: 'completion',
        results: state.contentFilterResults,
        model: request.model,
        usage,
        requestId: opened.requestId ?? undefined,
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
          responseTime: runtime.clock.now() - opened.startedAt,
          requestId: opened.requestId,
        },
        state,
      ),
    };
  } finally {
    opened.release?.();
  }
}
