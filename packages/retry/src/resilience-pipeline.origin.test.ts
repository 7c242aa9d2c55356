import type { LLMError } from '@llm/core';
import { LLMErrorType } from '@llm/core';
import { describe, expect, it } from 'vitest';
import { providerError } from './__tests__/llm-errors';
import { createTestClock, type TestClock } from './__tests__/test-clock';
import { deterministicPipeline } from './__tests__/deterministic-pipeline';
import type { PipelineEvents, ResiliencePipelineOptions } from './resilience-pipeline';
import { TimeoutPolicy } from './timeout-policy';

/** A pipeline on a test clock, with every event it reports collected in order. */
function setup(options: Partial<ResiliencePipelineOptions> = {}) {
  const clock = createTestClock();
  const pipeline = deterministicPipeline(clock, options);
  const events: Array<{ name: keyof PipelineEvents; payload: Record<string, unknown> }> = [];
  const names: (keyof PipelineEvents)[] = [
    'retry',
    'give-up',
    'breaker-state',
    'rate-limited',
    'rate-adjusted',
    'timeout',
  ];
  for (const name of names)
    pipeline.on(name, (payload) => events.push({ name, payload: payload as never }));
  const of = (name: keyof PipelineEvents) =>
    events.filter((event) => event.name === name).map((event) => event.payload);
  return { clock, pipeline, events, of };
}

const caught = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error as LLMError,
  );

const failing = (type: LLMErrorType) => () => Promise.reject(providerError(type));
const hanging = () => new Promise<never>(() => undefined);

async function drain(clock: TestClock, stream: AsyncIterable<unknown>): Promise<unknown[]> {
  const items: unknown[] = [];
  const reading = (async () => {
    for await (const item of stream) items.push(item);
  })();
  await clock.runUntilSettled(reading).catch(() => undefined);
  return items;
}

/** The call's own value: the pipeline never looks inside it. */
const origin = { call: 'call-1' };

describe('createResiliencePipeline: the origin of an event', () => {
  it('gives retry and give-up the origin of the call that retried and gave up', async () => {
    const { clock, pipeline, of } = setup();
    await clock.runUntilSettled(
      caught(pipeline.execute(failing(LLMErrorType.SERVER_ERROR), { model: 'm', origin })),
    );
    expect(of('retry')).toHaveLength(2);
    expect(of('retry').every((event) => event['origin'] === origin)).toBe(true);
    expect(of('give-up')).toMatchObject([{ reason: 'exhausted', origin }]);
  });

  it('gives the events of a call without an origin no origin field', async () => {
    const { clock, pipeline, events } = setup({ circuitBreaker: { failure_threshold: 1 } });
    await clock.runUntilSettled(caught(pipeline.execute(failing(LLMErrorType.SERVER_ERROR))));
    expect(events.map((event) => event.name)).toEqual(['breaker-state', 'retry', 'give-up']);
    expect(events.every((event) => !('origin' in event.payload))).toBe(true);
  });

  it('names each of two concurrent calls of the same shared policies', async () => {
    const { clock, pipeline, of } = setup();
    const first = { call: 'first' };
    const second = { call: 'second' };
    await clock.runUntilSettled(
      Promise.all([
        caught(pipeline.execute(failing(LLMErrorType.SERVER_ERROR), { origin: first })),
        caught(pipeline.execute(failing(LLMErrorType.NETWORK_ERROR), { origin: second })),
      ]),
    );
    const byOrigin = (value: unknown) =>
      of('retry')
        .filter((event) => event['origin'] === value)
        .map((event) => event['error']);
    expect(byOrigin(first).map((error) => (error as LLMError).type)).toEqual([
      'server_error',
      'server_error',
    ]);
    expect(
      byOrigin(second).every((error) => (error as LLMError).type === LLMErrorType.NETWORK_ERROR),
    ).toBe(true);
    expect(of('give-up').map((event) => event['origin'])).toEqual([first, second]);
  });

  it('gives a request timeout and a total timeout the origin of the call that ran out of time', async () => {
    const request = setup({
      timeouts: { request: 100 },
      retry: { jitter: 'none', policies: { timeout: { max_retries: 1 } } },
    });
    await request.clock.runUntilSettled(caught(request.pipeline.execute(hanging, { origin })));
    expect(request.of('timeout')).toMatchObject([
      { kind: 'request', attempt: 1, origin },
      { kind: 'request', attempt: 2, origin },
    ]);
    expect(request.of('retry')).toMatchObject([{ origin }]);
    expect(request.of('give-up')).toMatchObject([{ origin }]);

    const total = setup({ timeouts: { total: 50 } });
    await total.clock.runUntilSettled(caught(total.pipeline.execute(hanging, { origin })));
    expect(total.of('timeout')).toMatchObject([{ kind: 'total', origin }]);
  });

  it('gives breaker-state the origin of the call whose failure opened it, and none to a transition seen on a read', async () => {
    const { clock, pipeline, of } = setup({
      circuitBreaker: { failure_threshold: 1, cooldown: 1000 },
      retry: { max_attempts: 1 },
    });
    await clock.runUntilSettled(
      caught(pipeline.execute(failing(LLMErrorType.SERVER_ERROR), { origin })),
    );
    expect(of('breaker-state')).toMatchObject([{ from: 'closed', to: 'open', origin }]);
    await clock.advanceBy(1000);
    expect(pipeline.breakerStateName()).toBe('half_open');
    const read = of('breaker-state')[1];
    expect(read).toMatchObject({ from: 'open', to: 'half_open' });
    expect(read).not.toHaveProperty('origin');
    const probe = { call: 'probe' };
    await pipeline.execute(async () => 'ok', { origin: probe });
    expect(of('breaker-state')[2]).toMatchObject({
      from: 'half_open',
      to: 'closed',
      origin: probe,
    });
  });

  it('gives rate-limited the origin of the call a local limit delayed or refused', async () => {
    const { clock, pipeline, of } = setup({ rateLimit: { requests_per_second: 1, burst: 0 } });
    const calls = [{ call: 'a' }, { call: 'b' }].map((value) =>
      pipeline.execute(async () => 'ok', { origin: value }),
    );
    await clock.runUntilSettled(Promise.all(calls));
    expect(of('rate-limited')).toMatchObject([{ rejected: false, origin: { call: 'b' } }]);

    const refusing = setup({ rateLimit: { requests_per_second: 1, max_wait: 0 } });
    await refusing.pipeline.execute(async () => 'first');
    await refusing.clock.runUntilSettled(
      caught(refusing.pipeline.execute(async () => 'second', { origin })),
    );
    expect(refusing.of('rate-limited')).toMatchObject([{ rejected: true, origin }]);
    await refusing.clock.runUntilSettled(caught(refusing.pipeline.execute(async () => 'third')));
    expect(refusing.of('rate-limited')[1]).not.toHaveProperty('origin');
  });
});

describe('executeStream: the origin of an event', () => {
  const opener =
    (clock: TestClock, plans: Array<'fail' | 'slow-first' | 'gap'>) =>
    ({ signal }: { signal: AbortSignal }) => {
      const plan = plans.shift() ?? 'gap';
      return (async function* () {
        if (plan === 'fail') throw providerError(LLMErrorType.SERVER_ERROR);
        if (plan === 'slow-first') await clock.sleep(1000, signal);
        yield 'item-0';
        await clock.sleep(1000, signal);
        yield 'item-1';
      })();
    };

  it('gives retry before the first item, the first-chunk and the chunk-gap timeouts, and breaker-state the stream\u2019s origin', async () => {
    const { clock, pipeline, of, events } = setup({
      timeouts: { first_chunk: 100, chunk_gap: 100 },
      circuitBreaker: { failure_threshold: 3 },
      retry: { jitter: 'none', policies: { timeout: { max_retries: 2 } } },
    });
    const open = opener(clock, ['fail', 'slow-first', 'gap']);
    const items = await drain(clock, pipeline.executeStream(open, { origin, model: 'm' }));
    expect(items).toEqual(['item-0']);
    expect(of('timeout')).toMatchObject([
      { kind: 'first_chunk', origin },
      { kind: 'chunk_gap', origin },
    ]);
    expect(of('retry').length).toBeGreaterThanOrEqual(2);
    expect(events.every((event) => event.payload['origin'] === origin)).toBe(true);
    expect(of('breaker-state').length).toBeGreaterThan(0);
  });

  it('gives rate-limited the origin of the stream a local limit delayed', async () => {
    const { clock, pipeline, of } = setup({ rateLimit: { requests_per_second: 1, burst: 0 } });
    const single = () =>
      (async function* () {
        yield 'only';
      })();
    await drain(clock, pipeline.executeStream(single));
    await drain(clock, pipeline.executeStream(single, { origin }));
    expect(of('rate-limited')).toMatchObject([{ rejected: false, origin }]);
  });
});

describe('TimeoutPolicy: the origin of an event', () => {
  it('gives its timeout event the origin of the call it timed out, and none without one', async () => {
    const clock = createTestClock();
    const policy = new TimeoutPolicy({ timeoutMs: 10, clock });
    const seen: unknown[] = [];
    policy.on('timeout', (event) => seen.push(event));
    await clock.runUntilSettled(caught(policy.execute(hanging, undefined, origin)));
    await clock.runUntilSettled(caught(policy.execute(hanging)));
    expect(seen).toEqual([
      { kind: 'request', timeoutMs: 10, origin },
      { kind: 'request', timeoutMs: 10 },
    ]);
    expect(seen[1]).not.toHaveProperty('origin');
  });
});
