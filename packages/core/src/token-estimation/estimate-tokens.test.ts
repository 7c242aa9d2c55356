import { describe, expect, it } from 'vitest';
import { approximateTokens } from './approximate-tokens';
import { encodingForModel } from './encoding-for-model';
import { estimateMessageTokens } from './estimate-message-tokens';
import { estimateTextTokens } from './estimate-text-tokens';
import { isTiktokenLoaded } from './load-tiktoken';

describe('token estimation', () => {
  it('loads no tokenizer until a count is asked for', () => {
    expect(isTiktokenLoaded('o200k_base')).toBe(false);
    estimateTextTokens('hi', 'gpt-4o');
    expect(isTiktokenLoaded('o200k_base')).toBe(true);
  }, 60_000); // parsing the rank table takes ~0.7 s alone, far more on a loaded CI machine

  it.each([
    ['gpt-4o', 'o200k_base'],
    ['gpt-4o-mini-2024-07-18', 'o200k_base'],
    ['openai/gpt-4.1', 'o200k_base'],
    ['o3-mini', 'o200k_base'],
    ['gpt-5', 'o200k_base'],
    ['gpt-4', 'cl100k_base'],
    ['gpt-3.5-turbo', 'cl100k_base'],
    ['text-embedding-3-small', 'cl100k_base'],
    ['claude-sonnet-4-20250514', undefined],
    ['deepseek-chat', undefined],
  ])('picks the tokenizer of %s', (model, encoding) => {
    expect(encodingForModel(model)).toBe(encoding);
  });

  it('counts exactly with tiktoken for OpenAI models', () => {
    expect(estimateTextTokens('hello world', 'gpt-4o')).toEqual({
      tokens: 2,
      method: 'tiktoken:o200k_base',
    });
  });

  it('approximates other vendors and says so', () => {
    expect(estimateTextTokens('abcdefgh', 'deepseek-chat')).toEqual({
      tokens: 2,
      method: 'approximation',
    });
  });

  it('counts CJK characters one token each in the approximation', () => {
    expect(approximateTokens('你好世界')).toBe(4);
    expect(approximateTokens('你好 abcd')).toBe(2 + 2);
    expect(approximateTokens('')).toBe(0);
  });

  // OpenAI's API reference example: system "You are a helpful assistant." + user "Hello!" bills 19 prompt tokens.
  it("matches OpenAI's billed prompt tokens for its reference example", () => {
    const messages = [
      { role: 'system' as const, content: 'You are a helpful assistant.' },
      { role: 'user' as const, content: 'Hello!' },
    ];
    expect(estimateMessageTokens(messages, { model: 'gpt-4o' }).tokens).toBe(19);
  });

  it('adds image and tool-definition tokens', () => {
    const base = estimateMessageTokens(
      [{ role: 'user', content: [{ type: 'text', text: 'what?' }] }],
      { model: 'gpt-4o' },
    ).tokens;
    const withImage = estimateMessageTokens(
      [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'what?' },
            { type: 'image_url', image_url: { url: 'https://x/y.png', detail: 'low' } },
          ],
        },
      ],
      { model: 'gpt-4o' },
    ).tokens;
    expect(withImage - base).toBe(85);
    const tools = [{ type: 'function' as const, function: { name: 'get_weather' } }];
    expect(
      estimateMessageTokens([{ role: 'user', content: 'what?' }], { model: 'gpt-4o', tools })
        .tokens,
    ).toBeGreaterThan(base);
  });
});
