import type { Anthropic } from '@anthropic-ai/sdk';
import type { FinishChunk, LLMStreamChunk, LLMThinkingBlock, TokenUsage } from '@llm/core';
import {
  anthropicResponseExtra,
  mapAnthropicStopReason,
  normalizeAnthropicUsage,
  type AnthropicRawUsage,
} from './convert-anthropic-response';

/**
 * Streaming usage: `message_start` carries the first counts and each `message_delta` carries
 * cumulative ones. A field the delta sends (not null) replaces the earlier value; the rest are kept.
 */
export function mergeAnthropicStreamUsage(
  previous: AnthropicRawUsage | undefined,
  delta: AnthropicRawUsage | null | undefined,
): AnthropicRawUsage | undefined {
  if (!delta) return previous;
  const merged: Record<string, unknown> = { ...previous };
  for (const [field, value] of Object.entries(delta)) {
    if (value !== null && value !== undefined) merged[field] = value;
  }
  return merged as AnthropicRawUsage;
}

/**
 * Assembles the thinking blocks of a Claude stream by content-block index: a `thinking` block grows
 * by its thinking_delta and signature_delta events, a `redacted_thinking` block arrives whole in
 * content_block_start. `blocks()` gives them in content order, exactly as the API expects them back.
 */
export class AnthropicThinkingBlocks {
  readonly #blocks = new Map<number, LLMThinkingBlock>();

  /** Records the block of a content_block_start when it is (redacted) thinking; ignores the rest. */
  start(index: number, block: Anthropic.RawContentBlockStartEvent['content_block']): void {
    if (block.type === 'thinking')
      this.#blocks.set(index, {
        type: 'thinking',
        thinking: block.thinking,
        signature: block.signature,
      });
    else if (block.type === 'redacted_thinking')
      this.#blocks.set(index, { type: 'redacted_thinking', data: block.data });
  }

  appendThinking(index: number, text: string): void {
    const block = this.#blocks.get(index);
    if (block?.type === 'thinking') block.thinking += text;
  }

  appendSignature(index: number, signature: string): void {
    const block = this.#blocks.get(index);
    if (block?.type === 'thinking') block.signature += signature;
  }

  /** The blocks so far, in content order (copies). */
  blocks(): LLMThinkingBlock[] {
    return [...this.#blocks.entries()].sort(([a], [b]) => a - b).map(([, block]) => ({ ...block }));
  }
}

export interface AnthropicStreamParserOptions {
  providerName: string;
  providerType: string;
  requestId?: string;
  /** Milliseconds since the call started, for the finish chunk's `response_time`. */
  elapsed?: () => number;
  /** Usage to report when the server sent none (the real API always does), given the output text. */
  fallbackUsage?: (outputText: string) => TokenUsage;
}

interface ToolBlock {
  ordinal: number;
  id: string;
  name: string;
  arguments: string;
  /** Input sent whole in content_block_start (no deltas follow). */
  initialInput: unknown;
}

/** What an event that adds no chunk returns: one shared empty list, never written to. */
const NO_CHUNKS: readonly LLMStreamChunk[] = Object.freeze([]);

function hasKeys(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Object.keys(value).length > 0;
}

/**
 * Turns Claude's raw stream events, one at a time, into stream chunks: text and thinking deltas,
 * tool-call fragments (id and name first, from content_block_start), a complete `tool-call` when its
 * block stops (a call without arguments gets `{}`), and the `finish` chunk at message_stop, with the
 * usage of message_start updated by each cumulative message_delta and the assembled thinking blocks.
 */
export class AnthropicStreamParser {
  readonly #options: AnthropicStreamParserOptions;
  readonly #tools = new Map<number, ToolBlock>();
  readonly #thinking = new AnthropicThinkingBlocks();
  #rawUsage: AnthropicRawUsage | undefined;
  #stopReason: string | null | undefined;
  #stopSequence: string | null | undefined;
  #stopDetails: unknown;
  #responseId: string | undefined;
  #model: string | undefined;
  #finished = false;
  #outputText = '';
  /** True once a message_delta has reported output_tokens (message_start's count is a placeholder). */
  #outputCounted = false;

  constructor(options: AnthropicStreamParserOptions) {
    this.#options = options;
  }

  /** True once message_stop has arrived (or `finish()` was called). */
  get finished(): boolean {
    return this.#finished;
  }

  /** True once a message_delta has said why the model stopped: the answer is complete. */
  get stopped(): boolean {
    return this.#stopReason !== undefined && this.#stopReason !== null;
  }

  /**
   * The finish chunk of a stream whose model stopped (`stopped`) but whose message_stop has not
   * arrived: the end marker adds nothing, so the answer need not wait for it.
   */
  finish(): FinishChunk {
    this.#finished = true;
    return this.#finishChunk();
  }

  /** Usage the server has reported so far; undefined before message_start. */
  usage(): TokenUsage | undefined {
    return normalizeAnthropicUsage(this.#rawUsage);
  }

  /**
   * Usage for a stream that ends before message_stop (an error, an abort, a quiet hang-up).
   * message_start counts the prompt exactly but sends `output_tokens: 1` as a placeholder; until a
   * message_delta reports the real output count, the completion is estimated from the output that
   * arrived (core's estimateUsage, through `fallbackUsage`) and the usage is flagged `estimated`.
   * Undefined before message_start.
   */
  partialUsage(): TokenUsage | undefined {
    const reported = this.usage();
    if (!reported || this.#outputCounted || !this.#options.fallbackUsage) return reported;
    const completion = this.#options.fallbackUsage(this.#outputText).completion_tokens;
    const { reasoning_tokens: _placeholderReasoning, ...prompt } = reported;
    return {
      ...prompt,
      completion_tokens: completion,
      total_tokens: reported.prompt_tokens + completion,
      estimated: true,
    };
  }

  push(event: Anthropic.RawMessageStreamEvent): readonly LLMStreamChunk[] {
    switch (event.type) {
      case 'message_start':
        this.#responseId = event.message.id;
        this.#model = event.message.model;
        this.#rawUsage = mergeAnthropicStreamUsage(undefined, event.message.usage);
        return NO_CHUNKS;
      case 'content_block_start':
        return this.#blockStart(event);
      case 'content_block_delta':
        return this.#blockDelta(event);
      case 'content_block_stop':
        return this.#blockStop(event.index);
      case 'message_delta':
        this.#stopReason = event.delta.stop_reason ?? this.#stopReason;
        this.#stopSequence = event.delta.stop_sequence ?? this.#stopSequence;
        this.#stopDetails = event.delta.stop_details ?? this.#stopDetails;
        this.#rawUsage = mergeAnthropicStreamUsage(this.#rawUsage, event.usage);
        if (typeof event.usage?.output_tokens === 'number') this.#outputCounted = true;
        return NO_CHUNKS;
      case 'message_stop':
        this.#finished = true;
        return [this.#finishChunk()];
      default:
        return NO_CHUNKS;
    }
  }

  #blockStart(event: Anthropic.RawContentBlockStartEvent): readonly LLMStreamChunk[] {
    const block = event.content_block;
    this.#thinking.start(event.index, block);
    if (block.type === 'text')
      return block.text ? [{ type: 'text-delta', delta: block.text }] : NO_CHUNKS;
    if (block.type === 'thinking')
      return block.thinking ? [{ type: 'reasoning-delta', delta: block.thinking }] : NO_CHUNKS;
    if (block.type !== 'tool_use') return NO_CHUNKS;
    const tool: ToolBlock = {
      ordinal: this.#tools.size,
      id: block.id,
      name: block.name,
      arguments: '',
      initialInput: block.input,
    };
    this.#tools.set(event.index, tool);
    return [
      {
        type: 'tool-call-delta',
        index: tool.ordinal,
        id: tool.id,
        name: tool.name,
        arguments_delta: '',
      },
    ];
  }

  #blockDelta(event: Anthropic.RawContentBlockDeltaEvent): readonly LLMStreamChunk[] {
    const delta = event.delta;
    switch (delta.type) {
      case 'text_delta':
        this.#outputText += delta.text;
        return delta.text ? [{ type: 'text-delta', delta: delta.text }] : NO_CHUNKS;
      case 'thinking_delta':
        this.#outputText += delta.thinking;
        this.#thinking.appendThinking(event.index, delta.thinking);
        return delta.thinking ? [{ type: 'reasoning-delta', delta: delta.thinking }] : NO_CHUNKS;
      case 'signature_delta':
        this.#thinking.appendSignature(event.index, delta.signature);
        return NO_CHUNKS;
      case 'input_json_delta': {
        const tool = this.#tools.get(event.index);
        if (!tool || !delta.partial_json) return NO_CHUNKS;
        tool.arguments += delta.partial_json;
        this.#outputText += delta.partial_json;
        return [
          { type: 'tool-call-delta', index: tool.ordinal, arguments_delta: delta.partial_json },
        ];
      }
      default:
        return NO_CHUNKS;
    }
  }

  #blockStop(index: number): readonly LLMStreamChunk[] {
    const tool = this.#tools.get(index);
    if (!tool) return NO_CHUNKS;
    const args =
      tool.arguments || (hasKeys(tool.initialInput) ? JSON.stringify(tool.initialInput) : '{}');
    return [
      {
        type: 'tool-call',
        index: tool.ordinal,
        tool_call: {
          id: tool.id,
          type: 'function',
          function: { name: tool.name, arguments: args },
        },
      },
    ];
  }

  #finishChunk(): FinishChunk {
    const thinkingBlocks = this.#thinking.blocks();
    const extra = anthropicResponseExtra({
      thinkingSignatures: thinkingBlocks.flatMap((block) =>
        block.type === 'thinking' && block.signature !== '' ? [block.signature] : [],
      ),
      redactedThinking: thinkingBlocks.flatMap((block) =>
        block.type === 'redacted_thinking' ? [block.data] : [],
      ),
      stopSequence: this.#stopSequence,
      stopDetails: this.#stopDetails,
    });
    const elapsed = this.#options.elapsed?.();
    return {
      type: 'finish',
      finish_reason: mapAnthropicStopReason(this.#stopReason),
      usage: this.usage() ??
        this.#options.fallbackUsage?.(this.#outputText) ?? {
          prompt_tokens: 0,
          completion_tokens: 0,
          total_tokens: 0,
          estimated: true,
        },
      ...(this.#model !== undefined && { model: this.#model }),
      ...(thinkingBlocks.length > 0 && { thinking_blocks: thinkingBlocks }),
      metadata: {
        provider_name: this.#options.providerName,
        provider_type: this.#options.providerType,
        ...(this.#options.requestId && { request_id: this.#options.requestId }),
        ...(this.#responseId !== undefined && { response_id: this.#responseId }),
        ...(elapsed !== undefined && { response_time: elapsed }),
        ...(this.#stopReason && { raw_finish_reason: this.#stopReason }),
        ...(this.#rawUsage && { raw_usage: this.#rawUsage }),
        ...(extra && { extra }),
      },
    };
  }
}
