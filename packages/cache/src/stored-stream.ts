// A streamed answer as the cache keeps it: the assembled answer a replay needs, not the chunks
// that carried it. Recording costs a string append or a field write per chunk; a replay yields
// the same answer in one chunk per part.
import type { FinishChunk, LLMStreamChunk, LLMToolCall } from '@llm/core';

/** A tool call of a stored stream: complete once its `tool-call` chunk arrived, else its fragments joined. */
export interface StoredToolCall {
  readonly index: number;
  readonly id?: string;
  readonly name?: string;
  readonly arguments: string;
  /** Set when the stream finished the call with a `tool-call` chunk. */
  readonly tool_call?: LLMToolCall;
}

/**
 * What a cached stream stores: its reasoning and text joined, its tool calls, and its `finish`
 * chunk (finish reason, usage, model, thinking blocks, metadata) as it was. Chunk boundaries are
 * not kept: they are how the network delivered the answer, not part of it.
 */
export interface StoredStream {
  readonly text?: string;
  readonly reasoning?: string;
  readonly tool_calls?: readonly StoredToolCall[];
  readonly finish: FinishChunk;
}

interface ToolCallParts {
  index: number;
  id?: string;
  name?: string;
  arguments: string;
  tool_call?: LLMToolCall;
}

/**
 * Assembles a stream's answer as it passes: `add` each chunk, then `stored()` once the `finish`
 * chunk has been added. A `restart` chunk (the answer begins again on another deployment) drops
 * what came before it, as the consumer does.
 */
export class StreamRecorder {
  #text = '';
  #reasoning = '';
  #tools: ToolCallParts[] | undefined;
  #finish: FinishChunk | undefined;

  add(chunk: LLMStreamChunk): void {
    switch (chunk.type) {
      case 'text-delta':
        this.#text += chunk.delta;
        return;
      case 'reasoning-delta':
        this.#reasoning += chunk.delta;
        return;
      case 'tool-call-delta': {
        const call = this.#tool(chunk.index);
        if (chunk.id !== undefined) call.id = chunk.id;
        if (chunk.name !== undefined) call.name = chunk.name;
        call.arguments += chunk.arguments_delta;
        return;
      }
      case 'tool-call':
        this.#tool(chunk.index).tool_call = chunk.tool_call;
        return;
      case 'finish':
        this.#finish = chunk;
        return;
      case 'restart':
        this.#text = '';
        this.#reasoning = '';
        this.#tools = undefined;
        this.#finish = undefined;
    }
  }

  /** The answer to store, or undefined when the stream has not finished. */
  stored(): StoredStream | undefined {
    if (this.#finish === undefined) return undefined;
    return {
      ...(this.#reasoning === '' ? {} : { reasoning: this.#reasoning }),
      ...(this.#text === '' ? {} : { text: this.#text }),
      ...(this.#tools === undefined ? {} : { tool_calls: this.#tools }),
      finish: this.#finish,
    };
  }

  #tool(index: number): ToolCallParts {
    const tools = (this.#tools ??= []);
    // Indexes arrive in order, so the call being built is almost always the last one.
    const last = tools.at(-1);
    if (last?.index === index) return last;
    const found = tools.find((call) => call.index === index);
    if (found) return found;
    const created: ToolCallParts = { index, arguments: '' };
    tools.push(created);
    return created;
  }
}

/**
 * The chunks a replay of `stored` yields: the reasoning in one `reasoning-delta`, the text in one
 * `text-delta`, each tool call as one `tool-call-delta` with its whole arguments followed by its
 * `tool-call` chunk (when the stream had one), then the `finish` chunk. An entry stored as the
 * chunks themselves (older versions of this package) replays those, from after its last restart.
 */
export function replayStoredStream(
  stored: StoredStream | readonly LLMStreamChunk[],
): LLMStreamChunk[] {
  if (Array.isArray(stored)) {
    const chunks = stored as readonly LLMStreamChunk[];
    return chunks.slice(chunks.findLastIndex((chunk) => chunk.type === 'restart') + 1);
  }
  const answer = stored as StoredStream;
  const chunks: LLMStreamChunk[] = [];
  if (answer.reasoning !== undefined)
    chunks.push({ type: 'reasoning-delta', delta: answer.reasoning });
  if (answer.text !== undefined) chunks.push({ type: 'text-delta', delta: answer.text });
  for (const call of answer.tool_calls ?? []) {
    const id = call.tool_call?.id ?? call.id;
    const name = call.tool_call?.function.name ?? call.name;
    chunks.push({
      type: 'tool-call-delta',
      index: call.index,
      ...(id === undefined ? {} : { id }),
      ...(name === undefined ? {} : { name }),
      arguments_delta: call.tool_call?.function.arguments ?? call.arguments,
    });
    if (call.tool_call)
      chunks.push({ type: 'tool-call', index: call.index, tool_call: call.tool_call });
  }
  chunks.push(answer.finish);
  return chunks;
}
