import type { LLMError } from '@llm/core';
import { isAbortedLLMError, LLMErrorType } from '@llm/core';
import { describe, expect, it } from 'vitest';
import { CircuitBreakerRegistry } from './circuit-breaker/circuit-breaker-registry';
import { providerError } from './__tests__/llm-errors';
import { createTestClock, type TestClock } from './__tests__/test-clock';
import { deterministicPipeline } from './__tests__/deterministic-pipeline';
import type { PipelineEvents, ResiliencePipelineOptions } from './resilience-pipeline';

function setup(
  options: Partial<ResiliencePipelineOptions> = {},
  clock: TestClock = createTestClock(),
) {
  const pipeline = deterministicPipeline(clock, options);
  const events: { [Name in keyof PipelineEvents]: PipelineEvents[Name][] } = {
    retry: [],
    'give-up': [],
    'breaker-state': [],
    'rate-limited': [],
    'rate-adjusted': [],
    timeout: [],
  };
  for (const name of Object.keys(events) as (keyof PipelineEvents)[]) {
    pipeline.on(name, (payload) => (events[name] as unknown[]).push(payload));
  }
  return { clock, pipeline, events };
}

const failWith = (type: LLMErrorType, extra = {}) => {
  let calls = 0;
  return {
    calls: () => calls,
    fn: async () => (calls++, Promise.reject(providerError(type, extra))),
  };
};

const caught = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error as LLMError,
  );

describe('createResiliencePipeline: execute', () => {
  it('retries a 503 twice more, then fails with the attempt history', async () => {
    const { clock, pipeline, events } = setup();
    const failing = failWith(LLMErrorType.SERVER_ERROR, { statusCode: 503 });
    const error = await clock.runUntilSettled(
      caught(pipeline.execute(failing.fn, { model: 'gpt-4o' })),
    );
    expect(failing.calls()).toBe(3);
    expect(error?.attempts?.map((attempt) => attempt.statusCode)).toEqual([503, 503, 503]);
    expect(events.retry.map((event) => [event.provider, event.model, event.attempt])).toEqual([
      ['openai', 'gpt-4o', 1],
      ['openai', 'gpt-4o', 2],
    ]);
    expect(events['give-up']).toMatchObject([{ reason: 'exhausted', attempts: 3 }]);
  });

  it('tries a 401 exactly once', async () => {
    const { clock, pipeline } = setup();
    const failing = failWith(LLMErrorType.AUTHENTICATION_ERROR, { statusCode: 401 });
    await clock.runUntilSettled(caught(pipeline.execute(failing.fn)));
    expect(failing.calls()).toBe(1);
  });

  it('retries a 429 no sooner than its retry-after', async () => {
    const { clock, pipeline } = setup({ retry: { jitter: 'none', base_delay: 100 } });
    const starts: number[] = [];
    const run = pipeline.execute(async ({ attempt }) => {
      starts.push(clock.now());
      if (attempt === 1)
        throw providerError(LLMErrorType.RATE_LIMIT_ERROR, { statusCode: 429, retryAfterMs: 300 });
      return 'ok';
    });
    await expect(clock.runUntilSettled(run)).resolves.toBe('ok');
    expect(starts).toEqual([0, 300]);
  });

  it('ends at once when the caller aborts during a backoff wait', async () => {
    const { clock, pipeline } = setup();
    const controller = new AbortController();
    const failing = failWith(LLMErrorType.NETWORK_ERROR);
    const outcome = caught(pipeline.execute(failing.fn, { signal: controller.signal }));
    await clock.advanceBy(10);
    controller.abort();
    const error = await outcome;
    expect(isAbortedLLMError(error)).toBe(true);
    expect(clock.now()).toBe(10);
    expect(failing.calls()).toBe(1);
  });

  it('ends at once when the caller aborts an attempt that ignores its signal', async () => {
    const { clock, pipeline } = setup({ circuitBreaker: { failure_threshold: 1 } });
    const controller = new AbortController();
    const outcome = caught(
      pipeline.execute(() => new Promise<never>(() => undefined), { signal: controller.signal }),
    );
    await clock.advanceBy(5);
    controller.abort();
    expect(isAbortedLLMError(await outcome)).toBe(true);
    expect(pipeline.breakerStateName()).toBe('closed');
    expect(pipeline.breakerState().state).toBe('closed');
  });

  it('times out a slow attempt, aborts its signal and retries it as a timeout', async () => {
    const { clock, pipeline, events } = setup({
      timeouts: { request: 1000 },
      retry: { jitter: 'none', policies: { timeout: { max_retries: 1 } } },
    });
    const signals: AbortSignal[] = [];
    const run = caught(
      pipeline.execute(({ signal }) => (signals.push(signal), new Promise<never>(() => undefined))),
    );
    const error = await clock.runUntilSettled(run);
    expect(error).toMatchObject({ type: 'timeout', details: { reason: 'request_timeout' } });
    expect(signals.map((signal) => signal.aborted)).toEqual([true, true]);
    expect(events.timeout.map((event) => event.attempt)).toEqual([1, 2]);
    expect(clock.now()).toBe(3000);
  });

  it('ends the whole call at the total timeout with its attempt history', async () => {
    const { clock, pipeline } = setup({ timeouts: { total: 2500 } });
    const failing = failWith(LLMErrorType.NETWORK_ERROR);
    const error = await clock.runUntilSettled(caught(pipeline.execute(failing.fn)));
    expect(error).toMatchObject({
      type: 'timeout',
      retryable: false,
      details: { reason: 'total_timeout' },
    });
    expect(clock.now()).toBe(2500);
    expect(error?.attempts).toHaveLength(2);
  });

  it('keeps the attempt history of a call the caller aborts under a total timeout', async () => {
    const { clock, pipeline, events } = setup({ timeouts: { total: 60_000 } });
    const controller = new AbortController();
    const failing = failWith(LLMErrorType.NETWORK_ERROR);
    const outcome = caught(pipeline.execute(failing.fn, { signal: controller.signal }));
    await clock.advanceBy(10);
    controller.abort();
    const error = await clock.runUntilSettled(outcome);
    expect(isAbortedLLMError(error)).toBe(true);
    expect(error?.attempts).toHaveLength(1);
    expect(clock.now()).toBe(10);
    expect(events.timeout).toEqual([]);
  });

  it('wraps anything thrown into an LLMError that is not retried', async () => {
    const { clock, pipeline } = setup();
    await expect(
      clock.runUntilSettled(pipeline.execute(() => Promise.reject(new Error('boom')))),
    ).rejects.toMatchObject({ type: 'unknown', providerName: 'openai' });
  });
});

describe('createResiliencePipeline: circuit breaker', () => {
  const breakerConfig = { failure_threshold: 3, cooldown: 10_000 };

  it('stops calling the provider once the breaker opens, until one probe closes it after the cooldown', async () => {
    const { clock, pipeline, events } = setup({
      circuitBreaker: breakerConfig,
      retry: { jitter: 'none', max_attempts: 1 },
    });
    let calls = 0;
    let healthy = false;
    const call = () =>
      pipeline.execute(
        async () => (
          calls++,
          healthy ? 'ok' : Promise.reject(providerError(LLMErrorType.SERVER_ERROR))
        ),
      );
    for (let i = 0; i < 3; i++) await caught(call());
    const refused = await caught(call());
    expect(calls).toBe(3);
    expect(refused?.details).toMatchObject({
      reason: 'circuit_open',
      provider: 'openai',
      retryAt: 10_000,
    });
    await clock.advanceBy(10_000);
    healthy = true;
    await expect(call()).resolves.toBe('ok');
    expect(pipeline.breakerState().state).toBe('closed');
    expect(events['breaker-state'].map((change) => change.to)).toEqual([
      'open',
      'half_open',
      'closed',
    ]);
  });

  it('does not retry a call refused by an open breaker', async () => {
    const { clock, pipeline } = setup({ circuitBreaker: { failure_threshold: 2 } });
    const failing = failWith(LLMErrorType.NETWORK_ERROR);
    const error = await clock.runUntilSettled(caught(pipeline.execute(failing.fn)));
    expect(failing.calls()).toBe(2);
    expect(error?.details).toMatchObject({ reason: 'circuit_open' });
    expect(error?.attempts).toHaveLength(3);
  });

  it('keeps an open breaker across a pipeline rebuilt on the same registry', async () => {
    const clock = createTestClock();
    const breakers = new CircuitBreakerRegistry({ clock });
    const first = setup({ breakers, circuitBreaker: { failure_threshold: 1 } }, clock).pipeline;
    await clock.runUntilSettled(caught(first.execute(failWith(LLMErrorType.SERVER_ERROR).fn)));
    const rebuilt = setup({ breakers, circuitBreaker: { failure_threshold: 5 } }, clock).pipeline;
    expect(rebuilt.breakerState().state).toBe('open');
    const failing = failWith(LLMErrorType.SERVER_ERROR);
    await clock.runUntilSettled(caught(rebuilt.execute(failing.fn)));
    expect(failing.calls()).toBe(0);
  });

  it('keeps separate breakers per model when per_model is set', async () => {
    const { pipeline } = setup({
      circuitBreaker: { failure_threshold: 1, per_model: true },
      retry: { max_attempts: 1 },
    });
    await caught(pipeline.execute(failWith(LLMErrorType.SERVER_ERROR).fn, { model: 'gpt-4o' }));
    expect(pipeline.breakerState('gpt-4o').state).toBe('open');
    expect(pipeline.breakerState('gpt-4o-mini').state).toBe('closed');
    await expect(pipeline.execute(async () => 'ok', { model: 'gpt-4o-mini' })).resolves.toBe('ok');
    const states = pipeline.breakerStates().map((state) => `${state.key}:${state.state}`);
    expect(states.sort()).toEqual([
      'openai/gpt-4o-mini:closed',
      'openai/gpt-4o:open',
      'openai:closed',
    ]);
  });

  it('reports breaker changes only to the pipeline whose call caused them', async () => {
    const clock = createTestClock();
    const breakers = new CircuitBreakerRegistry({ clock });
    const old = setup({ breakers, circuitBreaker: { failure_threshold: 1 } }, clock);
    const rebuilt = setup({ breakers, circuitBreaker: { failure_threshold: 1 } }, clock);
    await clock.runUntilSettled(
      caught(rebuilt.pipeline.execute(failWith(LLMErrorType.SERVER_ERROR).fn)),
    );
    expect(rebuilt.events['breaker-state'].map((change) => change.to)).toEqual(['open']);
    expect(old.events['breaker-state']).toEqual([]);
    expect(old.pipeline.breakerState().state).toBe('open');
  });

  it('does not count a local rate-limit refusal as a provider failure', async () => {
    const { clock, pipeline } = setup({
      circuitBreaker: { failure_threshold: 1 },
      rateLimit: { requests_per_second: 1, max_wait: 0 },
    });
    await pipeline.execute(async () => 'first');
    const error = await clock.runUntilSettled(caught(pipeline.execute(async () => 'second')));
    expect(error?.details).toMatchObject({
      reason: 'local_rate_limit',
      limit: 'requests_per_second',
    });
    expect(pipeline.breakerState().state).toBe('closed');
  });
});

describe('createResiliencePipeline: rate limits', () => {
  it('lets at most 5 + burst of 50 concurrent calls through in any second at 5 requests/s', async () => {
    const { clock, pipeline, events } = setup({ rateLimit: { requests_per_second: 5, burst: 5 } });
    const starts: number[] = [];
    const calls = Array.from({ length: 50 }, () =>
      pipeline.execute(async () => starts.push(clock.now())),
    );
    await clock.runUntilSettled(Promise.all(calls));
    const most = Math.max(
      ...starts.map(
        (from) => starts.filter((start) => start >= from && start < from + 1000).length,
      ),
    );
    expect(starts).toHaveLength(50);
    expect(most).toBeLessThanOrEqual(10);
    expect(events['rate-limited'].length).toBe(45);
  });

  it('applies a model limit on top of the provider limit', async () => {
    const { clock, pipeline } = setup({
      rateLimit: { requests_per_second: 100 },
      modelRateLimits: { 'gpt-4o': { requests_per_second: 1 } },
    });
    const starts: number[] = [];
    const calls = Array.from({ length: 3 }, () =>
      pipeline.execute(async () => starts.push(clock.now()), { model: 'gpt-4o' }),
    );
    await clock.runUntilSettled(Promise.all(calls));
    expect(starts).toEqual([0, 1000, 2000]);
    await expect(
      clock.runUntilSettled(pipeline.execute(async () => clock.now(), { model: 'gpt-4o-mini' })),
    ).resolves.toBe(2010);
  });

  it('reserves estimated tokens and reconciles them with the actual usage', async () => {
    const { clock, pipeline } = setup({ rateLimit: { tokens_per_minute: 1000 } });
    await pipeline.execute(async () => ({ total: 100 }), {
      estimatedTokens: 900,
      actualTokens: (result) => result.total,
    });
    await expect(
      clock.runUntilSettled(pipeline.execute(async () => clock.now(), { estimatedTokens: 900 })),
    ).resolves.toBe(0);
  });

  it('cuts the adaptive rate when the provider answers 429', async () => {
    const { clock, pipeline, events } = setup({
      rateLimit: { requests_per_second: 10, adaptive: true },
      retry: { max_attempts: 1 },
    });
    await clock.runUntilSettled(
      caught(pipeline.execute(failWith(LLMErrorType.RATE_LIMIT_ERROR, { statusCode: 429 }).fn)),
    );
    expect(events['rate-adjusted']).toMatchObject([
      { provider: 'openai', scope: 'provider', ratePerSecond: 5 },
    ]);
  });
});
