// What a stream of chat.completion.chunk objects adds up to, computed the plain way.

interface ChunkToolCall {
  index: number;
  id?: string;
  function?: { name?: string; arguments?: string };
}

interface Chunk {
  choices: Array<{
    delta?: { content?: string | null; tool_calls?: ChunkToolCall[] };
    finish_reason?: string | null;
  }>;
  usage?: unknown;
}

export interface AccumulatedStream {
  text: string;
  toolCalls: Array<{ id: string; name: string; arguments: string }>;
  finishReason: string | null;
  usage: unknown;
}

export function accumulateOpenAIChunks(chunks: readonly unknown[]): AccumulatedStream {
  const result: AccumulatedStream = {
    text: '',
    toolCalls: [],
    finishReason: null,
    usage: undefined,
  };
  for (const chunk of chunks as Chunk[]) {
    if (chunk.usage !== undefined && chunk.usage !== null) result.usage = chunk.usage;
    for (const choice of chunk.choices) {
      result.text += choice.delta?.content ?? '';
      for (const call of choice.delta?.tool_calls ?? []) {
        const entry = (result.toolCalls[call.index] ??= { id: '', name: '', arguments: '' });
        entry.id = call.id ?? entry.id;
        entry.name = call.function?.name ?? entry.name;
        entry.arguments += call.function?.arguments ?? '';
      }
      if (choice.finish_reason) result.finishReason = choice.finish_reason;
    }
  }
  return result;
}
