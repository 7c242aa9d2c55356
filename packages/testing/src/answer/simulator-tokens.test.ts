import { describe, expect, it } from 'vitest';
import { simulatorPromptTokens, simulatorTokenCount } from './simulator-tokens';

describe('simulatorTokenCount', () => {
  it('counts the empty string as zero tokens', () => {
    expect(simulatorTokenCount('')).toBe(0);
  });

  it.each([
    ['a', 1],
    ['abcd', 1],
    ['abcde', 2],
    ['hello world!', 3],
  ])('counts %j as one token per 4 characters, rounded up (%i)', (text, tokens) => {
    expect(simulatorTokenCount(text)).toBe(tokens);
  });

  it('counts code points, so an emoji is one character', () => {
    expect(simulatorTokenCount('😀😀😀😀')).toBe(1);
  });
});

describe('simulatorPromptTokens', () => {
  it('charges 3 for the reply plus 4 and the text tokens per message', () => {
    const messages = [
      { role: 'system', content: 'abcdefgh' },
      { role: 'user', content: 'abc' },
    ];
    expect(simulatorPromptTokens(messages)).toBe(3 + (4 + 2) + (4 + 1));
  });

  it('reads text parts and ignores image parts', () => {
    const messages = [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'abcd' },
          { type: 'image_url', image_url: { url: 'https://example.com/a.png' } },
          { type: 'text', text: 'efgh' },
        ],
      },
    ];
    expect(simulatorPromptTokens(messages)).toBe(3 + 4 + Math.ceil('abcd\nefgh'.length / 4));
  });

  it('counts an assistant tool call as its name followed by its arguments', () => {
    const messages = [
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'c', type: 'function', function: { name: 'get', arguments: '{"a":1}' } },
        ],
      },
    ];
    expect(simulatorPromptTokens(messages)).toBe(3 + 4 + Math.ceil('get{"a":1}'.length / 4));
  });

  it('counts an Anthropic tool_result block by its content text', () => {
    const messages = [
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't', content: 'sunny' }] },
    ];
    expect(simulatorPromptTokens(messages)).toBe(3 + 4 + 2);
  });

  it('adds 4 plus the tokens of an Anthropic system prompt', () => {
    const messages = [{ role: 'user', content: 'hi' }];
    expect(simulatorPromptTokens(messages, { system: 'be brief' })).toBe(3 + 5 + 4 + 2);
  });

  it('adds the tokens of the tools as JSON text', () => {
    const tools = [{ type: 'function', function: { name: 'f', parameters: {} } }];
    const messages = [{ role: 'user', content: 'hi' }];
    expect(simulatorPromptTokens(messages, { tools })).toBe(
      3 + 5 + Math.ceil(JSON.stringify(tools).length / 4),
    );
  });
});
