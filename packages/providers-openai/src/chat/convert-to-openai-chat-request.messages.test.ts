import { LLMError } from '@llm/core';
import { describe, expect, it } from 'vitest';
import { convertToOpenAIMessages } from './convert-to-openai-chat-request';

describe('convertToOpenAIMessages', () => {
  it('keeps system and user text messages, with their participant names', () => {
    expect(
      convertToOpenAIMessages([
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi', name: 'ada' },
      ]),
    ).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hi', name: 'ada' },
    ]);
  });

  it('sends image parts by https URL and by data URI, keeping the detail level', () => {
    const [message] = convertToOpenAIMessages([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Compare these' },
          { type: 'image_url', image_url: { url: 'https://example.com/cat.png', detail: 'low' } },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
        ],
      },
    ]);
    expect(message).toEqual({
      role: 'user',
      content: [
        { type: 'text', text: 'Compare these' },
        { type: 'image_url', image_url: { url: 'https://example.com/cat.png', detail: 'low' } },
        { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
      ],
    });
  });

  it('carries an assistant turn that only made tool calls with null content', () => {
    const call = {
      id: 'call_1',
      type: 'function' as const,
      function: { name: 'weather', arguments: '{"city":"Oslo"}' },
    };
    const [message] = convertToOpenAIMessages([
      { role: 'assistant', content: null, tool_calls: [call] },
    ]);
    expect(message).toEqual({ role: 'assistant', content: null, tool_calls: [call] });
  });

  it('ignores Anthropic thinking blocks on an assistant message', () => {
    const message = {
      role: 'assistant' as const,
      content: 'Checking.',
      tool_calls: [
        { id: 'call_1', type: 'function' as const, function: { name: 'weather', arguments: '{}' } },
      ],
    };
    const withThinking = {
      ...message,
      thinking_blocks: [
        { type: 'thinking' as const, thinking: 'Use the tool.', signature: 'c2ln' },
        { type: 'redacted_thinking' as const, data: 'b3BhcXVl' },
      ],
    };
    expect(convertToOpenAIMessages([withThinking])).toEqual(convertToOpenAIMessages([message]));
  });

  it('maps a tool result to a tool message naming the call it answers', () => {
    const [message] = convertToOpenAIMessages([
      { role: 'tool', content: '{"temperature":12}', tool_call_id: 'call_1' },
    ]);
    expect(message).toEqual({
      role: 'tool',
      tool_call_id: 'call_1',
      content: '{"temperature":12}',
    });
  });

  it('keeps a multi-turn tool conversation in order', () => {
    const messages = convertToOpenAIMessages([
      { role: 'user', content: 'Weather in Oslo?' },
      {
        role: 'assistant',
        content: 'Let me check.',
        tool_calls: [
          { id: 'c1', type: 'function', function: { name: 'weather', arguments: '{}' } },
        ],
      },
      { role: 'tool', content: 'sunny', tool_call_id: 'c1' },
      { role: 'assistant', content: 'It is sunny.' },
    ]);
    expect(messages.map((message) => message.role)).toEqual([
      'user',
      'assistant',
      'tool',
      'assistant',
    ]);
    expect(messages[1]).toMatchObject({ content: 'Let me check.', tool_calls: [{ id: 'c1' }] });
  });

  it('sends text parts of a system message as text parts', () => {
    const [message] = convertToOpenAIMessages([
      { role: 'system', content: [{ type: 'text', text: 'Rules' }] },
    ]);
    expect(message).toEqual({ role: 'system', content: [{ type: 'text', text: 'Rules' }] });
  });

  it('refuses an image in a system message with an invalid_request error naming the field', () => {
    const convert = () =>
      convertToOpenAIMessages([
        { role: 'user', content: 'hi' },
        {
          role: 'system',
          content: [{ type: 'image_url', image_url: { url: 'https://example.com/a.png' } }],
        },
      ]);
    expect(convert).toThrow(LLMError);
    expect(convert).toThrow(/messages\.1\.content/);
  });
});
