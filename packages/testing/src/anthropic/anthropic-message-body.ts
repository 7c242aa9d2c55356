import type { SimulatedAnswer } from '../answer/simulated-answer';
import { anthropicContentBlocks, type ContentBlock } from './anthropic-content-blocks';
import { anthropicStopReason } from './anthropic-stop-reason';
import { anthropicUsage } from './anthropic-usage';

export interface AnthropicResponseContext {
  readonly id: string;
  readonly model: string;
}

function wireBlock(block: ContentBlock): Record<string, unknown> {
  if (block.type !== 'tool_use') return block;
  return { type: 'tool_use', id: block.id, name: block.name, input: block.input };
}

/** A `message` object as the Messages API returns it. */
export function anthropicMessageBody(
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
