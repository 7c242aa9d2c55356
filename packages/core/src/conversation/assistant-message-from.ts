import type { LLMMessage } from '../schemas/message';
import type { LLMResponse } from '../schemas/response';

/**
 * The assistant turn to append to a conversation after `response`: its text (null when the turn only
 * made tool calls, `''` when it said nothing at all), its tool calls, and its thinking blocks, which
 * Claude needs back unchanged in the next request when extended thinking meets tool use.
 */
export function assistantMessageFrom(response: LLMResponse): LLMMessage {
  const toolCalls = response.tool_calls ?? [];
  const thinkingBlocks = response.thinking_blocks ?? [];
  return {
    role: 'assistant',
    content: response.content ?? (toolCalls.length > 0 ? null : ''),
    ...(toolCalls.length > 0 && {
      tool_calls: toolCalls.map((call) => ({ ...call, function: { ...call.function } })),
    }),
    ...(thinkingBlocks.length > 0 && {
      thinking_blocks: thinkingBlocks.map((block) => ({ ...block })),
    }),
  };
}
