import { describe, expect, it } from 'vitest';
import { LLMProviderConfigSchema } from '../schemas/provider-config';
import { LLMRequestSchema } from '../schemas/request';
import { isPlainChatRequest, validateRequestAgainstConfig } from './validate-request';

/** A seeded [0, 1) source, so that a failure names the request that caused it. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const pick = <T>(random: () => number, values: readonly T[]): T =>
  values[Math.floor(random() * values.length)]!;

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
const ROLES = ['system', 'user', 'assistant', 'tool', 'robot', undefined, 1];
const MESSAGE_KEYS = ['role', 'content', 'name', 'tool_call_id', 'tool_calls', 'extra'];
const REQUEST_KEYS = [
  'model',
  'messages',
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

function message(random: () => number): unknown {
  if (random() < 0.05) return pick(random, ANY);
  const built: Record<string, unknown> = {
    role: random() < 0.7 ? 'user' : pick(random, ROLES),
    content: 'Hi',
  };
  if (random() < 0.15) built['content'] = pick(random, ANY);
  if (random() < 0.1) delete built['content'];
  for (const key of MESSAGE_KEYS.slice(2)) if (random() < 0.05) built[key] = pick(random, ANY);
  return built;
}

function request(random: () => number): unknown {
  const built: Record<string, unknown> = {
    model: random() < 0.9 ? 'gpt-4o-mini' : pick(random, ANY),
    messages: Array.from({ length: Math.floor(random() * 3) + (random() < 0.1 ? 0 : 1) }, () =>
      message(random),
    ),
  };
  if (random() < 0.05) delete built['model'];
  if (random() < 0.05) built['messages'] = pick(random, ANY);
  for (const key of REQUEST_KEYS.slice(2)) if (random() < 0.06) built[key] = pick(random, ANY);
  return built;
}

describe("the chat request check's fast path", () => {
  it('accepts only requests LLMRequestSchema accepts, over 20,000 generated ones', () => {
    const random = seeded(14);
    let fast = 0;
    for (let index = 0; index < 20_000; index++) {
      const candidate = request(random);
      if (!isPlainChatRequest(candidate)) continue;
      fast += 1;
      const parsed = LLMRequestSchema.safeParse(candidate);
      if (!parsed.success)
        throw new Error(`accepted by hand, refused by the schema: ${JSON.stringify(candidate)}`);
    }
    // The generator reaches both sides: plenty of requests take the fast path, plenty do not.
    expect(fast).toBeGreaterThan(1_000);
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
