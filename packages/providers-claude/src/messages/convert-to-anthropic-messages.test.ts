import { LLMError, LLMErrorType, type LLMMessage } from '@llm/core';
import { describe, expect, it } from 'vitest';
import {
  convertToAnthropicMessages,
  UnsupportedRequestError,
} from './convert-to-anthropic-messages';

const call = (id: string, name: string, args: string) => ({
  id,
  type: 'function' as const,
  function: { name, arguments: args },
});

describe('convertToAnthropicMessages', () => {
  it('lifts system messages to the top-level system, joined by a blank line', () => {
    const prompt = convertToAnthropicMessages([
      { role: 'system', content: 'You are terse.' },
      { role: 'system', content: [{ type: 'text', text: 'Answer in French.' }] },
      { role: 'user', content: 'Hi' },
    ]);
    expect(prompt.system).toBe('You are terse.\n\nAnswer in French.');
    expect(prompt.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }]);
  });

  it('leaves system out when there is no system message', () => {
    expect(convertToAnthropicMessages([{ role: 'user', content: 'Hi' }])).not.toHaveProperty(
      'system',
    );
  });

  it('turns assistant tool calls into tool_use blocks with parsed input', () => {
    const prompt = convertToAnthropicMessages([
      { role: 'user', content: 'Weather in Paris?' },
      {
        role: 'assistant',
        content: 'Checking.',
        tool_calls: [call('toolu_1', 'get_weather', '{"city":"Paris"}')],
      },
    ]);
    expect(prompt.messages[1]).toEqual({
      role: 'assistant',
      content: [
        { type: 'text', text: 'Checking.' },
        { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
      ],
    });
  });

  it('sends a tool call with empty arguments as an empty input object', () => {
    const prompt = convertToAnthropicMessages([
      { role: 'user', content: 'Refresh' },
      { role: 'assistant', content: null, tool_calls: [call('toolu_1', 'refresh', '')] },
    ]);
    expect(prompt.messages[1]?.content).toEqual([
      { type: 'tool_use', id: 'toolu_1', name: 'refresh', input: {} },
    ]);
  });

  it('merges consecutive tool results into one user message of tool_result blocks', () => {
    const messages: LLMMessage[] = [
      { role: 'user', content: 'Weather in Paris and Rome?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          call('toolu_1', 'get_weather', '{"city":"Paris"}'),
          call('toolu_2', 'get_weather', '{"city":"Rome"}'),
        ],
      },
      { role: 'tool', tool_call_id: 'toolu_1', content: '18°C' },
      { role: 'tool', tool_call_id: 'toolu_2', content: '24°C' },
    ];
    const prompt = convertToAnthropicMessages(messages);
    expect(prompt.messages).toHaveLength(3);
    expect(prompt.messages[2]).toEqual({
      role: 'user',
      content: [
        { type: 'tool_result', tool_use_id: 'toolu_1', content: '18°C' },
        { type: 'tool_result', tool_use_id: 'toolu_2', content: '24°C' },
      ],
    });
  });

  it('merges a user message that follows tool results into the same user turn', () => {
    const prompt = convertToAnthropicMessages([
      { role: 'user', content: 'Go' },
      { role: 'assistant', content: null, tool_calls: [call('toolu_1', 'run', '{}')] },
      { role: 'tool', tool_call_id: 'toolu_1', content: 'done' },
      { role: 'user', content: 'Now summarise.' },
    ]);
    expect(prompt.messages[2]).toEqual({
      role: 'user',
      content: [
        { type: 'tool_result', tool_use_id: 'toolu_1', content: 'done' },
        { type: 'text', text: 'Now summarise.' },
      ],
    });
  });

  it('merges consecutive user messages', () => {
    const prompt = convertToAnthropicMessages([
      { role: 'user', content: 'One' },
      { role: 'user', content: 'Two' },
    ]);
    expect(prompt.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'One' },
          { type: 'text', text: 'Two' },
        ],
      },
    ]);
  });

  it('keeps text and image parts of a tool result as blocks', () => {
    const prompt = convertToAnthropicMessages([
      { role: 'user', content: 'Screenshot?' },
      { role: 'assistant', content: null, tool_calls: [call('toolu_1', 'screenshot', '{}')] },
      {
        role: 'tool',
        tool_call_id: 'toolu_1',
        content: [
          { type: 'text', text: 'here' },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } },
        ],
      },
    ]);
    expect(prompt.messages[2]?.content).toEqual([
      {
        type: 'tool_result',
        tool_use_id: 'toolu_1',
        content: [
          { type: 'text', text: 'here' },
          { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AAAA' } },
        ],
      },
    ]);
  });

  it('converts user image parts to image blocks beside the text', () => {
    const prompt = convertToAnthropicMessages([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is this?' },
          { type: 'image_url', image_url: { url: 'https://example.com/a.png' } },
        ],
      },
    ]);
    expect(prompt.messages[0]?.content).toEqual([
      { type: 'text', text: 'What is this?' },
      { type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } },
    ]);
  });

  it('refuses tool call arguments that are not JSON, naming the field', () => {
    const convert = () =>
      convertToAnthropicMessages([
        { role: 'user', content: 'x' },
        { role: 'assistant', content: null, tool_calls: [call('toolu_1', 'run', '{not json')] },
      ]);
    expect(convert).toThrow(UnsupportedRequestError);
    try {
      convert();
    } catch (error) {
      expect((error as UnsupportedRequestError).field).toBe(
        'messages.1.tool_calls.0.function.arguments',
      );
    }
  });

  it('refuses an image in a system message', () => {
    expect(() =>
      convertToAnthropicMessages([
        {
          role: 'system',
          content: [{ type: 'image_url', image_url: { url: 'https://example.com/a.png' } }],
        },
      ]),
    ).toThrow(/only in user and tool messages/);
  });

  it("sends an assistant turn's thinking blocks first and unchanged, then text and tool_use", () => {
    const thinking = [
      { type: 'thinking' as const, thinking: 'Which tool?', signature: 'c2lnLTE=' },
      { type: 'redacted_thinking' as const, data: 'b3BhcXVl' },
    ];
    const prompt = convertToAnthropicMessages([
      { role: 'user', content: 'Run it' },
      {
        role: 'assistant',
        content: 'Running.',
        tool_calls: [call('toolu_1', 'run', '{}')],
        thinking_blocks: thinking,
      },
    ]);
    expect(prompt.messages[1]).toEqual({
      role: 'assistant',
      content: [
        ...thinking,
        { type: 'text', text: 'Running.' },
        { type: 'tool_use', id: 'toolu_1', name: 'run', input: {} },
      ],
    });
  });
});

describe('UnsupportedRequestError', () => {
  it('is an invalid_request LLMError that names its field', () => {
    const error = new UnsupportedRequestError('messages.0.content.1', 'Claude cannot take this');
    expect(LLMError.is(error)).toBe(true);
    expect(error.type).toBe(LLMErrorType.INVALID_REQUEST);
    expect(error.retryable).toBe(false);
    expect(error.field).toBe('messages.0.content.1');
    expect(error.details).toEqual({ field: 'messages.0.content.1' });
  });

  it('is recognised by its static is, and other LLMErrors are not', () => {
    expect(UnsupportedRequestError.is(new UnsupportedRequestError('model', 'no'))).toBe(true);
    const other = new LLMError({ type: LLMErrorType.INVALID_REQUEST, message: 'no' });
    expect(UnsupportedRequestError.is(other)).toBe(false);
    expect(UnsupportedRequestError.is(new Error('no'))).toBe(false);
  });

  it('is recognised by a marked object from another copy of the package', () => {
    const foreign = new Error('from a duplicate install');
    Object.defineProperty(foreign, Symbol.for('@llm/providers-claude/unsupported-request'), {
      value: true,
    });
    expect(UnsupportedRequestError.is(foreign)).toBe(true);
  });
});
