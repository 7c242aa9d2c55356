import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LLMError, type LLMRequest, type UsageRecord } from '@llm/core';
import { MemoryUsageStore, USAGE_RECORD_LIMITS } from '@llm/usage';
import { drain, startManagerFixture, type ManagerFixture } from './__tests__/manager-fixture';

/** The error types a malformed request is documented to reject with (see the README). */
const DOCUMENTED_REFUSALS = ['invalid_request', 'model_not_found', 'token_limit'];
const CONFIGURED = new Set(['gpt-4o-mini', 'gpt-3.5-turbo', 'claude-sonnet-4-20250514']);
const ROLES = new Set(['system', 'user', 'assistant', 'tool']);
const HUGE = 'x'.repeat(1_000_000);

type Fields = Record<string, unknown>;
type Mutation = (request: Fields) => void;

const set =
  (field: string, value: unknown): Mutation =>
  (request) => {
    request[field] = value;
  };
const remove =
  (field: string): Mutation =>
  (request) => {
    delete request[field];
  };

const notAString = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 }),
);
const outOfRange = (min: number, max: number) =>
  fc.oneof(
    fc.constant(Number.NaN),
    fc.double({ max: min, maxExcluded: true, noNaN: true }),
    fc.double({ min: max, minExcluded: true, noNaN: true }),
    fc.string(),
  );

/** One change that on its own makes a valid chat request invalid. */
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  // model: wrong type, missing, empty, unknown or huge
  notAString.map((value) => set('model', value)),
  fc.constant(remove('model')),
  fc.constant(set('model', '')),
  fc
    .string({ minLength: 1 })
    .filter((model) => !CONFIGURED.has(model.trim()))
    .map((model) => set('model', model)),
  fc.constant(set('model', HUGE)),
  // messages: wrong type, missing, empty, unknown roles, bad content
  fc.oneof(fc.string(), fc.integer(), fc.constant(null)).map((value) => set('messages', value)),
  fc.constant(remove('messages')),
  fc.constant(set('messages', [])),
  fc.constant(set('messages', [null])),
  fc
    .oneof(fc.string(), fc.constant(HUGE))
    .filter((role) => !ROLES.has(role))
    .map((role) => set('messages', [{ role, content: 'hi' }])),
  fc
    .oneof(fc.integer(), fc.constant(null), fc.constant(''), fc.constant([]))
    .map((content) => set('messages', [{ role: 'user', content }])),
  fc.constant(set('messages', [{ role: 'user' }])),
  fc.constant(set('messages', [{ role: 'tool', content: 'a result for no call' }])),
  // sampling and length parameters: NaN, negative, out of range, wrong type
  outOfRange(0, 2).map((value) => set('temperature', value)),
  outOfRange(0, 1).map((value) => set('top_p', value)),
  outOfRange(-2, 2).map((value) => set('presence_penalty', value)),
  fc
    .oneof(
      fc.integer({ max: 0 }),
      fc.double({ min: 0.1, max: 1e6, noNaN: true }).filter((value) => !Number.isInteger(value)),
      fc.constant(Number.NaN),
      fc.string(),
    )
    .map((value) => set('max_tokens', value)),
  fc
    .oneof(fc.string(), fc.integer(), fc.constant(null), fc.constant([1]), fc.constant([null]))
    .map((value) => set('stop', value)),
  notAString.filter((value) => typeof value !== 'boolean').map((value) => set('stream', value)),
  // tools: invalid JSON Schemas, missing parts, duplicates, a tool_choice naming no tool
  fc
    .constantFrom<unknown>(
      { type: 'strnig' },
      { type: 'object', properties: { city: { type: 'strnig' } } },
      { type: 'object', required: 'city' },
      { type: 'object', properties: { city: { minLength: -1 } } },
    )
    .map((parameters) =>
      set('tools', [{ type: 'function', function: { name: 'forecast', parameters } }]),
    ),
  fc
    .constantFrom<unknown>(
      'forecast',
      [null],
      [{ type: 'function' }],
      [{ type: 'function', function: { name: HUGE } }],
      [{ type: 'function', function: { name: 'has spaces' } }],
      [
        { type: 'function', function: { name: 'a' } },
        { type: 'function', function: { name: 'a' } },
      ],
    )
    .map((tools) => set('tools', tools)),
  fc.constant(set('tool_choice', { type: 'function', function: { name: 'missing_tool' } })),
  // routing and attribution: an unknown or non-string provider, tags that are not string → string
  fc
    .oneof(fc.string({ minLength: 1 }), fc.constant(HUGE))
    .filter((name) => name !== 'openai' && name !== 'claude')
    .map((name) => set('provider', name)),
  notAString.filter((value) => value !== null).map((value) => set('provider', value)),
  fc
    .constantFrom<unknown>('abc', { user: 1 }, [1, 2], { user: null }, 7)
    .map((tags) => set('tags', tags)),
);

/** A request that is not an object at all. */
const notARequest = fc.constantFrom<unknown>(null, undefined, 0, 'hi', [], true, HUGE);

const malformedChat: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 1, arbitrary: notARequest },
  {
    weight: 9,
    arbitrary: fc.array(mutation, { minLength: 1, maxLength: 3 }).map((mutations) => {
      const request: Fields = {
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'hi' }],
      };
      for (const change of mutations) change(request);
      return request;
    }),
  },
);

const malformedEmbedding: fc.Arbitrary<unknown> = fc.oneof(
  notARequest,
  notAString.map((model) => ({ model, input: 'hi' })),
  fc
    .oneof(fc.integer(), fc.constant(null), fc.constant([1, 2]), fc.constant({}))
    .map((input) => ({ model: 'text-embedding-3-small', input })),
  fc.constant({ input: 'hi' }),
);

const call = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ method: fc.constantFrom('chat', 'stream'), request: malformedChat }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ method: fc.constant('embed'), request: malformedEmbedding }),
  },
);

let fixture: ManagerFixture;
const recorded: UsageRecord[] = [];
beforeAll(async () => {
  fixture = await startManagerFixture({ manager: { usageStore: new MemoryUsageStore() } });
  fixture.manager.on('usage', (record) => recorded.push(record));
});
afterAll(async () => {
  await fixture.close();
});

async function refusalOf(method: string, request: unknown, requestId: string): Promise<unknown> {
  const { manager } = fixture;
  const options = { requestId };
  if (method === 'embed') return manager.embed(request as never, options).catch((error) => error);
  if (method === 'stream')
    return (await drain(manager.streamCompletion(request as LLMRequest, options))).error;
  return manager.chatCompletion(request as LLMRequest, options).catch((error: unknown) => error);
}

function expectBounded(record: UsageRecord): void {
  for (const name of ['model_name', 'provider_name', 'request_id', 'error_type'] as const)
    expect(String(record[name] ?? '').length).toBeLessThanOrEqual(USAGE_RECORD_LIMITS.name);
  expect((record.error_message ?? '').length).toBeLessThanOrEqual(USAGE_RECORD_LIMITS.errorMessage);
  for (const [key, value] of Object.entries(record.tags ?? {})) {
    expect(key.length).toBeLessThanOrEqual(USAGE_RECORD_LIMITS.tagKey);
    expect(typeof value).toBe('string');
    expect(value.length).toBeLessThanOrEqual(USAGE_RECORD_LIMITS.tagValue);
  }
  expect(JSON.stringify(record).length).toBeLessThan(4096);
}

describe('malformed requests (property)', () => {
  it('rejects 200 random malformed requests with a documented LLMError, sends none, and records each once, bounded', async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(call, async ({ method, request }) => {
        const requestId = `malformed-${++runs}`;
        const failure = await refusalOf(method, request, requestId);
        expect(LLMError.is(failure)).toBe(true);
        expect(DOCUMENTED_REFUSALS).toContain((failure as LLMError).type);
        expect(fixture.simulator.requests).toHaveLength(0);
        const own = recorded.filter((record) => record.request_id === requestId);
        expect(own).toHaveLength(1);
        expect(own[0]).toMatchObject({ success: false, error_type: (failure as LLMError).type });
        expectBounded(own[0]!);
      }),
      { numRuns: 200, seed: 20_261_201, endOnFailure: true },
    );
    expect(runs).toBe(200);
    expect(recorded).toHaveLength(200);
  }, 20_000);
});
