import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LLMRequest } from '../schemas/request';
import { estimateMessageTokens } from '../token-estimation/estimate-message-tokens';
import { promptTokensUpperBound } from './validate-request';

/** Any text, from ASCII to CJK, accents and emoji (two UTF-16 units, four UTF-8 bytes each). */
const text = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: fc.constantFrom('中', '文', 'é', '😀', 'ア', '한', ' ', 'a'), maxLength: 40 }),
);
const part = fc.oneof(
  text.map((value) => ({ type: 'text' as const, text: value })),
  fc.constantFrom('low', 'high', 'auto', undefined).map((detail) => ({
    type: 'image_url' as const,
    image_url: { url: 'data:image/png;base64,AAAA', ...(detail ? { detail } : {}) },
  })),
);
const message = fc.record(
  {
    role: fc.constantFrom('system', 'user', 'assistant', 'tool'),
    content: fc.oneof(text, fc.array(part, { maxLength: 4 }), fc.constant(null)),
    name: text,
    tool_calls: fc.array(
      fc.record({
        id: fc.constant('call_1'),
        type: fc.constant('function' as const),
        function: fc.record({ name: text, arguments: text }),
      }),
      { maxLength: 2 },
    ),
  },
  { requiredKeys: ['role', 'content'] },
);
const request = fc.record(
  {
    model: fc.constantFrom('gpt-4o', 'claude-sonnet-4-20250514', 'llama3'),
    messages: fc.array(message, { minLength: 1, maxLength: 5 }),
    tools: fc.array(
      fc.record({
        type: fc.constant('function' as const),
        function: fc.record({ name: text, description: text, parameters: fc.constant({}) }),
      }),
      { maxLength: 2 },
    ),
  },
  { requiredKeys: ['model', 'messages'] },
) as fc.Arbitrary<LLMRequest>;

describe('the bound the context-window check counts tokens against', () => {
  it('is never below the prompt tokens the estimate counts (tiktoken or the approximation)', () => {
    fc.assert(
      fc.property(request, (sent) => {
        const estimate = estimateMessageTokens(sent.messages, {
          model: sent.model,
          tools: sent.tools,
        });
        expect(promptTokensUpperBound(sent)).toBeGreaterThanOrEqual(estimate.tokens);
      }),
      { numRuns: 300 },
    );
  });

  it('is the UTF-8 bytes of each text, four per message, 765 per image, plus three', () => {
    const sent: LLMRequest = {
      model: 'gpt-4o',
      messages: [
        { role: 'user', content: 'hello' },
        {
          role: 'user',
          name: 'ann',
          content: [
            { type: 'text', text: '中文' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,'.padEnd(10_000, 'A') } },
          ],
        },
      ],
    };
    // user 4 + hello 5; user 4 + ann 3 + 中文 6 bytes: 22 bytes (the image's URL is not text).
    expect(promptTokensUpperBound(sent)).toBe(22 + 4 * 2 + 3 + 765);
  });
});
