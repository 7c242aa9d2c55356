import type { LLMToolCall, ToolCallChunk, ToolCallDeltaChunk } from '@llm/core';

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
