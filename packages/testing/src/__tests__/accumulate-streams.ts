// What a recorded or simulated stream adds up to, computed the plain way (independently of the
// simulator's own code): OpenAI chat.completion.chunk objects, and Anthropic Messages events.

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

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface AccumulatedMessage {
  content: Json[];
  stopReason: string | null;
  /** input, output and cache token counts, as far as the stream reported them. */
  usage: Record<string, number>;
}

const USAGE_KEYS = [
  'input_tokens',
  'output_tokens',
  'cache_creation_input_tokens',
  'cache_read_input_tokens',
];

export function accumulateAnthropicEvents(events: readonly unknown[]): AccumulatedMessage {
  const blocks: Json[] = [];
  const json: string[] = [];
  let stopReason: string | null = null;
  let usage: Json = {};
  for (const event of events as Json[]) {
    if (event['type'] === 'message_start') usage = { ...event['message'].usage };
    if (event['type'] === 'content_block_start') {
      blocks[event['index']] = { ...event['content_block'] };
      json[event['index']] = '';
    }
    if (event['type'] === 'content_block_delta') {
      const block = blocks[event['index']] as Json;
      const delta = event['delta'];
      if (delta.type === 'text_delta') block['text'] += delta.text;
      if (delta.type === 'thinking_delta') block['thinking'] += delta.thinking;
      if (delta.type === 'signature_delta') block['signature'] = delta.signature;
      if (delta.type === 'input_json_delta') json[event['index']] += delta.partial_json;
    }
    if (event['type'] === 'message_delta') {
      stopReason = event['delta'].stop_reason;
      for (const [key, value] of Object.entries(event['usage'] as Json))
        if (value !== null) usage[key] = value;
    }
  }
  blocks.forEach((block, index) => {
    if (block['type'] === 'tool_use')
      block['input'] = json[index] ? JSON.parse(json[index] as string) : {};
  });
  return {
    content: blocks,
    stopReason,
    usage: Object.fromEntries(
      USAGE_KEYS.filter((key) => usage[key] !== undefined).map((key) => [key, usage[key]]),
    ),
  };
}

/** The fields of a content block a caller reads. */
export function essentialBlock(block: Json): Json {
  if (block['type'] === 'text') return { type: 'text', text: block['text'] };
  if (block['type'] === 'thinking')
    return { type: 'thinking', thinking: block['thinking'], signature: block['signature'] };
  if (block['type'] === 'tool_use')
    return { type: 'tool_use', id: block['id'], name: block['name'], input: block['input'] };
  return block;
}
