import type { LLMStreamChunk, LLMToolCall } from '@llm/core';
import type { ResponseWireFacts } from '../response/build-response-metadata';
import { readReasoningText } from '../response/read-reasoning-text';
import { ToolCallAccumulator, type ToolCallFragment } from './tool-call-accumulator';

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
