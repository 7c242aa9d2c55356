// The protocol-neutral answer: what the simulator reads from a chat request and what it answers,
// before the OpenAI, Azure and Anthropic writers spell it in their wire formats.

/** What the simulator needs from a chat request, read from either protocol's body. */
export interface ChatRequestView {
  readonly model: string | undefined;
  readonly messages: readonly unknown[];
  /** Anthropic's top-level `system`. */
  readonly system?: unknown;
  readonly tools?: unknown;
  readonly stopSequences: readonly string[];
  readonly maxTokens: number | undefined;
  readonly stream: boolean;
  /** OpenAI `stream_options.include_usage`; Anthropic streams always carry usage. */
  readonly includeUsage: boolean;
}

/** Why an answer ended, before it is spelled in a protocol's words. */
export type FinishKind = 'stop' | 'length' | 'tool_calls' | 'stop_sequence';

export interface ResolvedUsage {
  readonly prompt_tokens: number;
  readonly completion_tokens: number;
  readonly cached_tokens: number;
  readonly cache_write_tokens: number;
  readonly reasoning_tokens: number;
}

export interface SimulatedToolCall {
  readonly id: string | undefined;
  readonly name: string;
  /** JSON text, sent as given. */
  readonly arguments: string;
}

/** One answer, protocol-neutral; the OpenAI, Azure and Anthropic writers render it. */
export interface SimulatedAnswer {
  readonly text: string;
  readonly reasoning: string | undefined;
  readonly toolCalls: readonly SimulatedToolCall[];
  /** `null`: report no usage at all. */
  readonly usage: ResolvedUsage | null;
  readonly finishKind: FinishKind;
  /** The stop sequence that ended an echo, for Anthropic's `stop_sequence`. */
  readonly stopSequence: string | null;
  /** A scripted, provider-native finish reason; wins over `finishKind`. */
  readonly scriptedFinishReason: string | undefined;
  /** A scripted model name; the request's model (or Azure deployment) otherwise. */
  readonly model: string | undefined;
  readonly chunkSize: number;
  readonly interleaveToolCalls: boolean;
  /** Azure content-filter categories to report as filtered. */
  readonly contentFilter: readonly string[];
}

/** Split text into pieces of `size` code points (never splitting a surrogate pair); `''` gives no pieces. */
export function splitText(text: string, size: number): string[] {
  const points = Array.from(text);
  const pieces: string[] = [];
  for (let start = 0; start < points.length; start += size)
    pieces.push(points.slice(start, start + size).join(''));
  return pieces;
}
