import { describe, expect, it } from 'vitest';
import { LLMMessageSchema } from '../schemas/message';
import type { LLMResponse } from '../schemas/response';
import { assistantMessageFrom } from './assistant-message-from';

const base: LLMResponse = {
  success: true,
  model: 'claude-sonnet-5-5',
  usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
  metadata: { provider_name: 'claude', response_time: 12 },
};
const call = {
  id: 'toolu_1',
  type: 'function' as const,
  function: { name: 'get_weather', arguments: '{"city":"Oslo"}' },
};
const thinking = [
  { type: 'thinking' as const, thinking: 'Need the weather.', signature: 'c2ln' },
  { type: 'redacted_thinking' as const, data: 'b3BhcXVl' },
];

describe('assistantMessageFrom', () => {
  it('turns a text answer into an assistant message with that text', () => {
    expect(assistantMessageFrom({ ...base, content: 'Hello.' })).toEqual({
      role: 'assistant',
      content: 'Hello.',
    });
  });

  it('gives null content when the turn only made tool calls', () => {
    expect(assistantMessageFrom({ ...base, tool_calls: [call] })).toEqual({
      role: 'assistant',
      content: null,
      tool_calls: [call],
    });
  });

  it('carries text, tool calls and thinking blocks together, blocks in their order', () => {
    const message = assistantMessageFrom({
      ...base,
      content: 'Checking.',
      reasoning: 'Need the weather.',
      tool_calls: [call],
      thinking_blocks: thinking,
    });
    expect(message).toEqual({
      role: 'assistant',
      content: 'Checking.',
      tool_calls: [call],
      thinking_blocks: thinking,
    });
    expect(LLMMessageSchema.parse(message)).toEqual(message);
  });

  it('gives empty text when the response said nothing and called no tool', () => {
    expect(assistantMessageFrom(base)).toEqual({ role: 'assistant', content: '' });
  });

  it('copies the tool calls and blocks so editing the message leaves the response intact', () => {
    const response = { ...base, tool_calls: [call], thinking_blocks: thinking };
    const message = assistantMessageFrom(response);
    message.tool_calls![0]!.function.arguments = '{}';
    message.thinking_blocks![0] = { type: 'redacted_thinking', data: 'x' };
    expect(response.tool_calls[0]!.function.arguments).toBe('{"city":"Oslo"}');
    expect(response.thinking_blocks[0]).toEqual(thinking[0]);
  });
});
