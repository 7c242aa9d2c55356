// The OpenAI Chat Completions wire: reading a request body, and writing the `chat.completion`
// object or the `chat.completion.chunk` stream for an answer. Azure reuses these shapes.
import { buildAnswer } from '../answer/build-answer';
import {
  DONE_FRAME,
  dataFrame,
  randomIds,
  type RenderedResponse,
} from '../answer/rendered-response';
import {
  splitText,
  type ChatRequestView,
  type FinishKind,
  type ResolvedUsage,
  type SimulatedAnswer,
  type SimulatedToolCall,
} from '../answer/simulated-answer';
import { isRecord } from '../answer/simulator-tokens';
import type { ScriptedReply } from '../simulator-types';

type Chunk = Record<string, unknown>;

function stopSequencesOf(stop: unknown): string[] {
  if (typeof stop === 'string') return [stop];
  return Array.isArray(stop) ? stop.filter((item): item is string => typeof item === 'string') : [];
}

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

/** Read an OpenAI Chat Completions body (`max_completion_tokens` wins over `max_tokens`). */
export function openaiRequestView(body: Record<string, unknown>): ChatRequestView {
  const streamOptions = body['stream_options'];
  return {
    model: typeof body['model'] === 'string' ? body['model'] : undefined,
    messages: Array.isArray(body['messages']) ? body['messages'] : [],
    tools: body['tools'],
    stopSequences: stopSequencesOf(body['stop']),
    maxTokens:
      numberOrUndefined(body['max_completion_tokens']) ?? numberOrUndefined(body['max_tokens']),
    stream: body['stream'] === true,
    includeUsage: isRecord(streamOptions) && streamOptions['include_usage'] === true,
  };
}

/** Fields every object of one OpenAI response shares. */
export interface OpenAIResponseContext {
  readonly id: string;
  readonly created: number;
  readonly model: string;
}

const SYSTEM_FINGERPRINT = 'fp_llmsim0001';

export function newOpenAIResponseContext(model: string): OpenAIResponseContext {
  return { id: randomIds.chatCompletion(), created: Math.floor(Date.now() / 1000), model };
}

const FINISH_FROM_KIND: Record<FinishKind, string> = {
  stop: 'stop',
  length: 'length',
  tool_calls: 'tool_calls',
  stop_sequence: 'stop',
};

// A script written with Anthropic's words still reads right on an OpenAI wire.
const FINISH_FROM_ANTHROPIC: Record<string, string> = {
  end_turn: 'stop',
  max_tokens: 'length',
  tool_use: 'tool_calls',
  stop_sequence: 'stop',
};

/** The `finish_reason` an OpenAI-style API would send for this answer. */
function openaiFinishReason(answer: SimulatedAnswer): string {
  const scripted = answer.scriptedFinishReason;
  if (scripted !== undefined) return FINISH_FROM_ANTHROPIC[scripted] ?? scripted;
  return FINISH_FROM_KIND[answer.finishKind];
}

/** OpenAI's usage object; `prompt_tokens` already includes the cached tokens. */
function openaiUsage(usage: ResolvedUsage): Record<string, unknown> {
  return {
    prompt_tokens: usage.prompt_tokens,
    completion_tokens: usage.completion_tokens,
    total_tokens: usage.prompt_tokens + usage.completion_tokens,
    prompt_tokens_details: { cached_tokens: usage.cached_tokens, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: usage.reasoning_tokens,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

/** A `chat.completion` object as the OpenAI API returns it. */
export function openaiCompletionBody(
  answer: SimulatedAnswer,
  context: OpenAIResponseContext,
): Record<string, unknown> {
  const hasToolCalls = answer.toolCalls.length > 0;
  const message: Record<string, unknown> = {
    role: 'assistant',
    content: answer.text === '' && hasToolCalls ? null : answer.text,
    refusal: null,
    annotations: [],
  };
  if (answer.reasoning !== undefined) message['reasoning_content'] = answer.reasoning;
  if (hasToolCalls) {
    message['tool_calls'] = answer.toolCalls.map((call) => ({
      id: call.id ?? randomIds.toolCall(),
      type: 'function',
      function: { name: call.name, arguments: call.arguments },
    }));
  }
  return {
    id: context.id,
    object: 'chat.completion',
    created: context.created,
    model: context.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: openaiFinishReason(answer) }],
    ...(answer.usage === null ? {} : { usage: openaiUsage(answer.usage) }),
    service_tier: 'default',
    system_fingerprint: SYSTEM_FINGERPRINT,
  };
}

function deltasOfCall(call: SimulatedToolCall, index: number, chunkSize: number): Chunk[] {
  const header = {
    index,
    id: call.id ?? randomIds.toolCall(),
    type: 'function',
    function: { name: call.name, arguments: '' },
  };
  const fragments = splitText(call.arguments, chunkSize).map((fragment) => ({
    index,
    function: { arguments: fragment },
  }));
  return [header, ...fragments];
}

/**
 * Streamed tool-call deltas: per call a first delta with id, type and name (empty arguments), then
 * argument fragments carrying only `index`. Interleaved: the calls' deltas alternate round-robin.
 */
export function openaiToolCallDeltas(
  calls: readonly SimulatedToolCall[],
  chunkSize: number,
  interleave: boolean,
): Chunk[] {
  const perCall = calls.map((call, index) => deltasOfCall(call, index, chunkSize));
  if (!interleave) return perCall.flat();
  const deltas: Chunk[] = [];
  const longest = Math.max(0, ...perCall.map((list) => list.length));
  for (let position = 0; position < longest; position += 1) {
    for (const list of perCall) {
      const delta = list[position];
      if (delta !== undefined) deltas.push(delta);
    }
  }
  return deltas;
}

/**
 * The `chat.completion.chunk` objects of a streamed answer: a role delta, `reasoning_content`
 * deltas, content deltas, tool-call deltas, the finish chunk, and (only with `include_usage`) a
 * usage chunk with `choices: []`. With `include_usage` every other chunk carries `usage: null`.
 */
export function openaiStreamChunks(
  answer: SimulatedAnswer,
  context: OpenAIResponseContext,
  includeUsage: boolean,
): Chunk[] {
  const chunk = (choices: unknown[]): Chunk => ({
    id: context.id,
    object: 'chat.completion.chunk',
    created: context.created,
    model: context.model,
    system_fingerprint: SYSTEM_FINGERPRINT,
    choices,
    ...(includeUsage ? { usage: null } : {}),
  });
  const delta = (content: Chunk, finishReason: string | null = null): Chunk =>
    chunk([{ index: 0, delta: content, logprobs: null, finish_reason: finishReason }]);

  const onlyToolCalls = answer.text === '' && answer.toolCalls.length > 0;
  const chunks: Chunk[] = [
    delta({ role: 'assistant', content: onlyToolCalls ? null : '', refusal: null }),
  ];
  for (const piece of splitText(answer.reasoning ?? '', answer.chunkSize))
    chunks.push(delta({ reasoning_content: piece }));
  for (const piece of splitText(answer.text, answer.chunkSize))
    chunks.push(delta({ content: piece }));
  for (const toolCall of openaiToolCallDeltas(
    answer.toolCalls,
    answer.chunkSize,
    answer.interleaveToolCalls,
  )) {
    chunks.push(delta({ tool_calls: [toolCall] }));
  }
  chunks.push(delta({}, openaiFinishReason(answer)));
  if (includeUsage && answer.usage !== null)
    chunks.push({ ...chunk([]), usage: openaiUsage(answer.usage) });
  return chunks;
}

/** Answer `POST /v1/chat/completions`: a `chat.completion`, or chunks ending in `data: [DONE]`. */
export function renderOpenAIChat(
  body: Record<string, unknown>,
  reply: ScriptedReply | undefined,
): RenderedResponse {
  const view = openaiRequestView(body);
  const answer = buildAnswer(view, reply);
  const context = newOpenAIResponseContext(answer.model ?? view.model ?? 'unknown');
  if (!view.stream)
    return { kind: 'json', status: 200, body: openaiCompletionBody(answer, context) };
  const frames = openaiStreamChunks(answer, context, view.includeUsage).map(dataFrame);
  return { kind: 'stream', frames: [...frames, DONE_FRAME] };
}
