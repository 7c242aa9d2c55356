import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LLMProviderConfigSchema } from '../schemas/provider-config';
import { LLMRequestSchema } from '../schemas/request';
import { isPlainChatRequest, validateRequestAgainstConfig } from './validate-request';

const ANY = [
  undefined,
  null,
  '',
  'text',
  0,
  -0,
  1,
  2,
  -2,
  2.5,
  -3,
  0.5,
  7,
  1e21,
  2 ** 60,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  true,
  false,
  [],
  {},
  ['a'],
];
const REQUEST_KEYS = [
  'provider',
  'temperature',
  'top_p',
  'max_tokens',
  'stream',
  'parallel_tool_calls',
  'presence_penalty',
  'frequency_penalty',
  'seed',
  'user',
  'tools',
  'stop',
  'tags',
  'unknown_key',
];

/** Any value, edge cases first, numbers near every range's bounds. */
const value = fc.oneof(
  fc.constantFrom(...ANY),
  fc.double({ min: -3, max: 3 }),
  fc.integer({ min: -5, max: 100 }),
  fc.string({ maxLength: 3 }),
);
/** Any key of `keys` set to any value, at most `most` of them. */
const others = (keys: readonly string[], most: number) =>
  fc.array(fc.tuple(fc.constantFrom(...keys), value), { maxLength: most });
/** A message: mostly a role and a text, sometimes with another key (or a role or text replaced). */
const message = fc.oneof(
  { weight: 1, arbitrary: value },
  {
    weight: 19,
    arbitrary: fc
      .tuple(
        fc.oneof(
          { weight: 9, arbitrary: fc.constantFrom('system', 'user', 'assistant', 'tool') },
          fc.constantFrom('robot', undefined, 1),
        ),
        fc.oneof({ weight: 5, arbitrary: fc.constant('Hi') }, value),
        others(['name', 'tool_call_id', 'tool_calls', 'extra', 'role', 'content'], 1),
      )
      .map(([role, content, more]) => ({ role, content, ...Object.fromEntries(more) })),
  },
);
/** A chat request: mostly a model and text messages, with up to three other keys of any value. */
const request = fc
  .tuple(
    fc.oneof({ weight: 9, arbitrary: fc.constant('gpt-4o-mini') }, value),
    fc.oneof({ weight: 9, arbitrary: fc.array(message, { maxLength: 3 }) }, value),
    others(REQUEST_KEYS, 3),
  )
  .map(([model, messages, others]) => ({ model, messages, ...Object.fromEntries(others) }));

describe("the chat request check's fast path", () => {
  it('accepts only requests LLMRequestSchema accepts, over 20,000 generated ones', () => {
    let fast = 0;
    fc.assert(
      fc.property(request, (candidate) => {
        if (!isPlainChatRequest(candidate)) return true;
        fast += 1;
        return LLMRequestSchema.safeParse(candidate).success;
      }),
      { numRuns: 20_000, seed: 14 },
    );
    // The generator reaches both sides: plenty of requests take the fast path, plenty do not.
    expect(fast).toBeGreaterThan(500);
    expect(fast).toBeLessThan(19_000);
  });

  it('takes the common request: text messages and scalar settings in range', () => {
    expect(
      isPlainChatRequest({
        model: 'gpt-4o-mini',
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Hi', name: 'ann' },
          { role: 'assistant', content: null },
        ],
        temperature: 0.2,
        top_p: 1,
        max_tokens: 64,
        stream: false,
        seed: 3,
        presence_penalty: -2,
        frequency_penalty: 2,
        parallel_tool_calls: true,
        user: 'u-1',
        provider: 'openai',
      }),
    ).toBe(true);
  });

  it('leaves everything else to the schema: tools, images, tags, class instances, unknown keys', () => {
    const base = { model: 'm', messages: [{ role: 'user', content: 'Hi' }] };
    for (const other of [
      { ...base, tools: [] },
      { ...base, tags: { team: 'a' } },
      { ...base, stop: ['x'] },
      { ...base, extra: 1 },
      { ...base, messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }] },
      { ...base, max_tokens: 0 },
      { ...base, temperature: 2.01 },
      Object.assign(Object.create({ inherited: true }), base),
      [base],
      null,
    ])
      expect(isPlainChatRequest(other)).toBe(false);
  });

  it('reports the same problems whichever path checks the shape', () => {
    const config = LLMProviderConfigSchema.parse({
      name: 'p',
      type: 'openai',
      models: [{ name: 'm', max_tokens: 10 }],
    });
    const fast = { model: 'm', messages: [{ role: 'user', content: '' }], max_tokens: 20 };
    // `stop` sends the same request through the schema.
    const slow = { ...fast, stop: [] };
    expect(isPlainChatRequest(fast)).toBe(true);
    expect(isPlainChatRequest(slow)).toBe(false);
    const viaFast = validateRequestAgainstConfig(fast, config);
    const viaSchema = validateRequestAgainstConfig(slow, config);
    expect(viaFast).toEqual(viaSchema);
    expect(viaFast.valid).toBe(false);
    expect(viaFast.errors.map((issue) => issue.field)).toEqual([
      'messages.0.content',
      'max_tokens',
    ]);
  });
});
