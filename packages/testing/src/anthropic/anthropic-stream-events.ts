import type { SimulatedAnswer } from '../answer/simulated-answer';
import { splitText } from '../answer/split-text';
import { anthropicContentBlocks, type ContentBlock } from './anthropic-content-blocks';
import type { AnthropicResponseContext } from './anthropic-message-body';
import { anthropicStopReason } from './anthropic-stop-reason';
import { anthropicDeltaUsage, anthropicUsage } from './anthropic-usage';

export interface AnthropicEvent {
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
export function anthropicStreamEvents(
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
