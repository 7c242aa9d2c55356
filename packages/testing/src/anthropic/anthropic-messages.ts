// The Anthropic Messages wire: reading a request body, and writing the `message` object or its
// `event:`-framed stream for an answer.
import { createHash } from 'node:crypto';
import { buildAnswer } from '../answer/build-answer';
import { eventFrame, randomIds, type RenderedResponse } from '../answer/rendered-response';
import {
  splitText,
  type ChatRequestView,
  type FinishKind,
  type ResolvedUsage,
  type SimulatedAnswer,
} from '../answer/simulated-answer';
import type { ScriptedReply } from '../simulator-types';

/** Read an Anthropic Messages body. */
function anthropicRequestView(body: Record<string, unknown>): ChatRequestView {
  const stopSequences = body['stop_sequences'];
  return {
    model: typeof body['model'] === 'string' ? body['model'] : undefined,
    messages: Array.isArray(body['messages']) ? body['messages'] : [],
    system: body['system'],
    tools: body['tools'],
    stopSequences: Array.isArray(stopSequences)
      ? stopSequences.filter((item): item is string => typeof item === 'string')
      : [],
    maxTokens: typeof body['max_tokens'] === 'number' ? body['max_tokens'] : undefined,
    stream: body['stream'] === true,
    includeUsage: true,
  };
}

interface AnthropicResponseContext {
  readonly id: string;
  readonly model: string;
}

const STOP_FROM_KIND: Record<FinishKind, string> = {
  stop: 'end_turn',
  length: 'max_tokens',
  tool_calls: 'tool_use',
  stop_sequence: 'stop_sequence',
};

// A script written with OpenAI's words still reads right on an Anthropic wire.
const STOP_FROM_OPENAI: Record<string, string> = {
  stop: 'end_turn',
  length: 'max_tokens',
  tool_calls: 'tool_use',
};

/** `stop_reason` and `stop_sequence` as the Messages API reports them. */
function anthropicStopReason(answer: SimulatedAnswer): {
  stop_reason: string;
  stop_sequence: string | null;
} {
  const scripted = answer.scriptedFinishReason;
  if (scripted !== undefined)
    return { stop_reason: STOP_FROM_OPENAI[scripted] ?? scripted, stop_sequence: null };
  return { stop_reason: STOP_FROM_KIND[answer.finishKind], stop_sequence: answer.stopSequence };
}

/** Anthropic's input tokens exclude cache reads and writes: input = prompt − cached − cache-write. */
function anthropicInputTokens(usage: ResolvedUsage): number {
  return Math.max(0, usage.prompt_tokens - usage.cached_tokens - usage.cache_write_tokens);
}

/** The usage object of a `message` (and of `message_start`, with its own `output_tokens`). */
function anthropicUsage(
  usage: ResolvedUsage,
  outputTokens = usage.completion_tokens,
): Record<string, unknown> {
  return {
    input_tokens: anthropicInputTokens(usage),
    cache_creation_input_tokens: usage.cache_write_tokens,
    cache_read_input_tokens: usage.cached_tokens,
    cache_creation: {
      ephemeral_5m_input_tokens: usage.cache_write_tokens,
      ephemeral_1h_input_tokens: 0,
    },
    output_tokens: outputTokens,
    service_tier: 'standard',
  };
}

/** The cumulative usage of `message_delta`. */
function anthropicDeltaUsage(usage: ResolvedUsage): Record<string, unknown> {
  return {
    input_tokens: anthropicInputTokens(usage),
    cache_creation_input_tokens: usage.cache_write_tokens,
    cache_read_input_tokens: usage.cached_tokens,
    output_tokens: usage.completion_tokens,
  };
}

type ContentBlock =
  | { type: 'thinking'; thinking: string; signature: string }
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id: string; name: string; input: unknown; inputJson: string };

/** A stand-in for Anthropic's opaque thinking signature: stable for the same reasoning text. */
function thinkingSignature(thinking: string): string {
  const digest = createHash('sha256').update(thinking).digest('hex');
  return Buffer.from(`llm-sim-signature:${digest}`).toString('base64');
}

function parseInput(json: string): unknown {
  try {
    return json.trim() === '' ? {} : JSON.parse(json);
  } catch {
    return {};
  }
}

/** The answer's blocks in Anthropic's order: thinking, text, then one tool_use per call. */
function anthropicContentBlocks(answer: SimulatedAnswer): ContentBlock[] {
  const blocks: ContentBlock[] = [];
  if (answer.reasoning !== undefined) {
    blocks.push({
      type: 'thinking',
      thinking: answer.reasoning,
      signature: thinkingSignature(answer.reasoning),
    });
  }
  if (answer.text !== '' || answer.toolCalls.length === 0)
    blocks.push({ type: 'text', text: answer.text });
  for (const call of answer.toolCalls) {
    const input = parseInput(call.arguments);
    const emptyInput =
      typeof input === 'object' && input !== null && Object.keys(input).length === 0;
    blocks.push({
      type: 'tool_use',
      id: call.id ?? randomIds.toolUse(),
      name: call.name,
      input,
      inputJson: emptyInput ? '' : call.arguments,
    });
  }
  return blocks;
}

function wireBlock(block: ContentBlock): Record<string, unknown> {
  if (block.type !== 'tool_use') return block;
  return { type: 'tool_use', id: block.id, name: block.name, input: block.input };
}

/** A `message` object as the Messages API returns it. */
function anthropicMessageBody(
  answer: SimulatedAnswer,
  context: AnthropicResponseContext,
): Record<string, unknown> {
  return {
    id: context.id,
    type: 'message',
    role: 'assistant',
    model: context.model,
    content: anthropicContentBlocks(answer).map(wireBlock),
    ...anthropicStopReason(answer),
    ...(answer.usage === null ? {} : { usage: anthropicUsage(answer.usage) }),
  };
}

interface AnthropicEvent {
  readonly event: string;
  readonly data: Record<string, unknown>;
}

function blockStart(block: ContentBlock): Record<string, unknown> {
  if (block.type === 'thinking') return { type: 'thinking', thinking: '', signature: '' };
  if (block.type === 'text') return { type: 'text', text: '' };
  return { type: 'tool_use', id: block.id, name: block.name, input: {} };
}

function blockDeltas(block: ContentBlock, chunkSize: number): Array<Record<string, unknown>> {
  if (block.type === 'thinking') {
    const pieces = splitText(block.thinking, chunkSize).map((thinking) => ({
      type: 'thinking_delta',
      thinking,
    }));
    return [...pieces, { type: 'signature_delta', signature: block.signature }];
  }
  if (block.type === 'text')
    return splitText(block.text, chunkSize).map((text) => ({ type: 'text_delta', text }));
  const pieces = splitText(block.inputJson, chunkSize).map((partial_json) => ({
    type: 'input_json_delta',
    partial_json,
  }));
  return [{ type: 'input_json_delta', partial_json: '' }, ...pieces];
}

/**
 * The events of a streamed message, as the API sends them: message_start (usage with the input
 * tokens and a first output token), per block content_block_start / _delta / _stop, a ping after the
 * first block start, message_delta (stop reason and cumulative usage), message_stop.
 */
function anthropicStreamEvents(
  answer: SimulatedAnswer,
  context: AnthropicResponseContext,
): AnthropicEvent[] {
  const usage = answer.usage;
  const message = {
    id: context.id,
    type: 'message',
    role: 'assistant',
    model: context.model,
    content: [],
    stop_reason: null,
    stop_sequence: null,
    ...(usage === null
      ? {}
      : { usage: anthropicUsage(usage, Math.min(1, usage.completion_tokens)) }),
  };
  const events: AnthropicEvent[] = [
    { event: 'message_start', data: { type: 'message_start', message } },
  ];
  anthropicContentBlocks(answer).forEach((block, index) => {
    events.push({
      event: 'content_block_start',
      data: { type: 'content_block_start', index, content_block: blockStart(block) },
    });
    if (index === 0) events.push({ event: 'ping', data: { type: 'ping' } });
    for (const delta of blockDeltas(block, answer.chunkSize)) {
      events.push({
        event: 'content_block_delta',
        data: { type: 'content_block_delta', index, delta },
      });
    }
    events.push({ event: 'content_block_stop', data: { type: 'content_block_stop', index } });
  });
  events.push({
    event: 'message_delta',
    data: {
      type: 'message_delta',
      delta: anthropicStopReason(answer),
      ...(usage === null ? {} : { usage: anthropicDeltaUsage(usage) }),
    },
  });
  events.push({ event: 'message_stop', data: { type: 'message_stop' } });
  return events;
}

/** Answer `POST /v1/messages`: a `message`, or its `event:`-framed stream. */
export function renderAnthropicMessages(
  body: Record<string, unknown>,
  reply: ScriptedReply | undefined,
): RenderedResponse {
  const view = anthropicRequestView(body);
  const answer = buildAnswer(view, reply);
  const context = { id: randomIds.message(), model: answer.model ?? view.model ?? 'unknown' };
  if (!view.stream)
    return { kind: 'json', status: 200, body: anthropicMessageBody(answer, context) };
  return {
    kind: 'stream',
    frames: anthropicStreamEvents(answer, context).map(({ event, data }) =>
      eventFrame(event, data),
    ),
  };
}
