// The simulator's public contract. Every package's tests are written against these types.

/** Which wire protocol a request spoke, decided by its path. */
export type SimulatorProtocol = 'openai' | 'azure' | 'anthropic' | 'embeddings' | 'models';

export interface StartSimulatorOptions {
  /** Default 0: a random free port on 127.0.0.1. */
  port?: number;
  /** Folder holding the recorded wire files; default: $LLM_WIRE_DIR, else the recordings this package ships in `fixtures/wire`. */
  wireDir?: string;
  /** API keys the simulator accepts; any non-empty key is accepted when absent. */
  apiKeys?: string[];
  /** Model ids listed by `GET /v1/models` (both shapes); default: a few OpenAI and Claude ids per shape. */
  models?: string[];
}

export interface RecordedRequest {
  readonly id: number;
  readonly method: string;
  /** Path without the query string. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** Lower-cased header names. */
  readonly headers: Readonly<Record<string, string>>;
  /** Parsed JSON body (undefined for GET or unparsable bodies). */
  readonly body: unknown;
  readonly protocol: SimulatorProtocol;
  /** Azure requests: the `{deployment}` path segment. */
  readonly deployment?: string;
  readonly receivedAt: number;
  /** Set when the client closed the connection before the response finished (abort, break). */
  closedByClientAt?: number;
}

export interface ScriptedToolCall {
  id?: string;
  name: string;
  /** JSON text, or an object that is serialized. */
  arguments: string | Record<string, unknown>;
}

export interface ScriptedUsage {
  /** Total input tokens in OpenAI's convention (includes cached and cache-write tokens). */
  prompt_tokens?: number;
  completion_tokens?: number;
  cached_tokens?: number;
  cache_write_tokens?: number;
  reasoning_tokens?: number;
}

export interface ScriptedReply {
  text?: string;
  tool_calls?: ScriptedToolCall[];
  /** Reasoning text: Anthropic thinking blocks; `reasoning_content` deltas on OpenAI-style streams. */
  reasoning?: string;
  /** Usage to report; `null` sends no usage at all (as some OpenAI-compatible servers do). */
  usage?: ScriptedUsage | null;
  /** Provider-native finish/stop reason; derived from the content when absent. */
  finish_reason?: string;
  model?: string;
  /** Streams: characters per text delta (default 8). */
  chunk_size?: number;
  /** Streams: split each tool call's arguments into this many fragments and interleave calls by index. */
  interleave_tool_calls?: boolean;
  /** Azure: content-filter categories reported as filtered (e.g. `['violence']`); finish_reason defaults to `content_filter`. */
  content_filter?: string[];
}

export interface ScriptedError {
  status: number;
  /** Provider error type, e.g. `rate_limit_error`, `overloaded_error`, `insufficient_quota`. */
  type?: string;
  code?: string;
  message?: string;
  /** OpenAI/Azure `param` (default null). */
  param?: string;
  /** Azure `code: 'content_filter'` errors: the categories reported as filtered (default `['hate']`). */
  content_filter?: string[];
  /** Replaces the protocol's default error body entirely. */
  body?: unknown;
}

export type SimulatorFault =
  /** Destroy the socket before sending any header. */
  | 'drop-before-headers'
  /** Send `afterChunks` stream frames, then destroy the socket. */
  | 'drop-mid-stream'
  /** Send `afterChunks` frames, then an in-stream error (OpenAI `data: {"error":…}`, Anthropic `event: error`). */
  | 'mid-stream-error'
  /** Answer 200 with a body (or a stream frame) that is not valid JSON. */
  | 'malformed-json'
  /**
   * Streams: after `afterChunks` frames, insert one event whose data is not JSON, then send the
   * whole stream on to its end (a JSON request is answered normally).
   */
  | 'garbled-event'
  /** Accept the request and never answer. */
  | 'hang';

export interface ScriptStep {
  /** Which request consumes this step; by default the next chat, messages or embeddings request. */
  match?: { protocol?: SimulatorProtocol; model?: string; path?: string | RegExp };
  /** How many requests this step answers (default 1). */
  times?: number;
  reply?: ScriptedReply;
  /** A file under the wire folder, e.g. `openai/chat-stream-text.sse`, sent as recorded. */
  replay?: string;
  error?: ScriptedError;
  fault?: SimulatorFault;
  /** For drop-mid-stream / mid-stream-error / malformed-json / garbled-event on streams: frames sent first (default 2). */
  afterChunks?: number;
  /** Wait before sending headers. */
  delayMs?: number;
  /** Streams: wait between frames. */
  chunkDelayMs?: number;
  /** Extra response headers: `x-request-id`, `request-id`, `retry-after`, `retry-after-ms`, … */
  headers?: Record<string, string>;
}

/** The TCP connections the simulator accepted (`Simulator.connections()`). */
export interface ConnectionStats {
  /** Connections accepted since the simulator started, or since the last `reset()`. */
  readonly opened: number;
  /** Connections open now. */
  readonly open: number;
  /** The most connections open at once since the start (or since `reset()`, counting those open then). */
  readonly peak: number;
}

export interface Simulator {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** For `new OpenAI({ baseURL })`: `${url}/v1`. */
  readonly openaiBaseURL: string;
  /** For `new Anthropic({ baseURL })`: `${url}`. */
  readonly anthropicBaseURL: string;
  /** For `new AzureOpenAI({ endpoint })`: `${url}`. */
  readonly azureEndpoint: string;
  /** The wire folder replays are read from, when one was found. */
  readonly wireDir?: string;
  /** Every request received, in order. */
  readonly requests: readonly RecordedRequest[];
  /** Queue steps; requests consume matching steps in order, unmatched requests get the default echo answer. */
  script(...steps: ScriptStep[]): void;
  /** Steps not consumed yet. */
  pendingSteps(): number;
  /** How many connections clients opened, hold open now, and held open at most at once. */
  connections(): ConnectionStats;
  /** Forget the request log and the queued steps; connections are counted from now. */
  reset(): void;
  /** Resolves when a request whose client closed early has been seen (for abort tests). */
  waitForClientClose(timeoutMs?: number): Promise<RecordedRequest>;
  /**
   * Resolves once clients hold no connection open (at once if none is): a pool that closes its
   * keep-alive sockets on dispose. Rejects after `timeoutMs` (default 2000) or when the simulator closes.
   */
  waitForConnectionsClosed(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}
