import { LLMError, LLMErrorType, type CircuitBreakerConfig } from '@llm/core';
import { describe, expect, it } from 'vitest';
import { providerError } from '../__tests__/llm-errors';
import { createTestClock } from '../__tests__/test-clock';
import { CircuitBreaker, type CircuitStateChange } from './circuit-breaker';

function setup(config: CircuitBreakerConfig = {}) {
  const clock = createTestClock(1_000_000);
  const breaker = new CircuitBreaker({
    provider: 'openai',
    config: { failure_threshold: 3, cooldown: 1000, ...config },
    clock,
  });
  const changes: CircuitStateChange[] = [];
  breaker.on('state-change', (change) => changes.push(change));
  const fail = (type: LLMErrorType = LLMErrorType.SERVER_ERROR) =>
    breaker.acquire().recordError(providerError(type));
  const succeed = () => breaker.acquire().recordSuccess();
  return { clock, breaker, changes, fail, succeed };
}

function refusal(breaker: CircuitBreaker): LLMError {
  try {
    breaker.acquire();
  } catch (error) {
    return error as LLMError;
  }
  throw new Error('the breaker let the call through');
}

describe('CircuitBreaker', () => {
  it('opens after the configured number of consecutive counted failures', () => {
    const { breaker, changes, fail } = setup();
    fail();
    fail();
    expect(breaker.state().state).toBe('closed');
    fail();
    expect(breaker.state().state).toBe('open');
    expect(changes).toMatchObject([{ from: 'closed', to: 'open', reason: 'consecutive_failures' }]);
  });

  it('restarts the consecutive count after a success', () => {
    const { breaker, fail, succeed } = setup();
    fail();
    fail();
    succeed();
    fail();
    fail();
    expect(breaker.state()).toMatchObject({ state: 'closed', consecutiveFailures: 2 });
  });

  it('opens on the failure rate once minimum_calls were seen', () => {
    const { breaker, fail, succeed } = setup({
      failure_threshold: 100,
      failure_rate_threshold: 50,
      minimum_calls: 4,
    });
    succeed();
    fail();
    fail();
    expect(breaker.state().state).toBe('closed');
    succeed();
    fail();
    expect(breaker.state()).toMatchObject({ state: 'open', openReason: 'failure_rate' });
  });

  it('forgets outcomes older than the rolling window', async () => {
    const { breaker, clock, fail, succeed } = setup({
      failure_threshold: 100,
      minimum_calls: 4,
      window: 10_000,
    });
    fail();
    fail();
    fail();
    await clock.advanceBy(10_000);
    succeed();
    succeed();
    succeed();
    fail();
    expect(breaker.state()).toMatchObject({ state: 'closed', windowCalls: 4, windowFailures: 1 });
  });

  it('fails fast while open with a typed error naming the provider and the retry time', () => {
    const { breaker, clock, fail } = setup();
    fail();
    fail();
    fail();
    const error = refusal(breaker);
    expect(LLMError.is(error)).toBe(true);
    expect(error).toMatchObject({
      type: 'server_error',
      retryable: false,
      providerName: 'openai',
      retryAfterMs: 1000,
    });
    expect(error.details).toMatchObject({
      reason: 'circuit_open',
      provider: 'openai',
      retryAt: clock.now() + 1000,
    });
    expect(error.message).toContain(
      'provider "openai" is open after 3 consecutive failures (last: server_error)',
    );
    expect(error.message).toContain(new Date(clock.now() + 1000).toISOString());
  });

  it('turns half-open when the cooldown has passed', async () => {
    const { breaker, clock, changes, fail } = setup();
    fail();
    fail();
    fail();
    await clock.advanceBy(999);
    expect(breaker.state().state).toBe('open');
    await clock.advanceBy(1);
    expect(breaker.state().state).toBe('half_open');
    expect(changes.at(-1)).toMatchObject({
      from: 'open',
      to: 'half_open',
      reason: 'cooldown_elapsed',
    });
  });

  it('lets only half_open_max_calls probes through at once', async () => {
    const { breaker, clock, fail } = setup({ half_open_max_calls: 2 });
    fail();
    fail();
    fail();
    await clock.advanceBy(1000);
    breaker.acquire();
    breaker.acquire();
    expect(refusal(breaker).details).toMatchObject({ reason: 'circuit_open', state: 'half_open' });
  });

  it('closes once the probes succeed', async () => {
    const { breaker, clock, changes, fail } = setup({ half_open_max_calls: 2 });
    fail();
    fail();
    fail();
    await clock.advanceBy(1000);
    const first = breaker.acquire();
    const second = breaker.acquire();
    first.recordSuccess();
    expect(breaker.state().state).toBe('half_open');
    second.recordSuccess();
    expect(breaker.state()).toMatchObject({ state: 'closed', consecutiveFailures: 0 });
    expect(changes.at(-1)).toMatchObject({
      from: 'half_open',
      to: 'closed',
      reason: 'probe_succeeded',
    });
  });

  it('frees a probe slot when a probe ends without an outcome', async () => {
    const { breaker, clock, fail } = setup();
    fail();
    fail();
    fail();
    await clock.advanceBy(1000);
    breaker.acquire().release();
    expect(() => breaker.acquire()).not.toThrow();
  });

  it('reopens on a failed probe with a cooldown that grows up to max_cooldown', async () => {
    const { breaker, clock, fail } = setup({ cooldown_multiplier: 2, max_cooldown: 3000 });
    fail();
    fail();
    fail();
    const waits: number[] = [];
    for (let round = 0; round < 3; round++) {
      const state = breaker.state();
      waits.push((state.retryAt ?? 0) - clock.now());
      await clock.advanceBy((state.retryAt ?? 0) - clock.now());
      breaker.acquire().recordError(providerError(LLMErrorType.NETWORK_ERROR));
      expect(breaker.state()).toMatchObject({ state: 'open', openReason: 'probe_failed' });
    }
    waits.push((breaker.state().retryAt ?? 0) - clock.now());
    expect(waits).toEqual([1000, 2000, 3000, 3000]);
  });

  it('starts over from the base cooldown after it closes', async () => {
    const { breaker, clock, fail } = setup({ cooldown_multiplier: 2 });
    fail();
    fail();
    fail();
    await clock.advanceBy(1000);
    breaker.acquire().recordError(providerError(LLMErrorType.SERVER_ERROR));
    await clock.advanceBy(2000);
    breaker.acquire().recordSuccess();
    fail();
    fail();
    fail();
    expect((breaker.state().retryAt ?? 0) - clock.now()).toBe(1000);
  });

  it.each(['invalid_request', 'auth', 'model_not_found', 'token_limit', 'rate_limit'] as const)(
    'does not count %s errors by default',
    (type) => {
      const { breaker, fail } = setup();
      for (let i = 0; i < 10; i++) fail(type);
      expect(breaker.state()).toMatchObject({ state: 'closed', consecutiveFailures: 0 });
    },
  );

  it('counts rate_limit errors when counted_errors lists them', () => {
    const { breaker, fail } = setup({ counted_errors: ['rate_limit'] });
    fail(LLMErrorType.RATE_LIMIT_ERROR);
    fail(LLMErrorType.RATE_LIMIT_ERROR);
    fail(LLMErrorType.RATE_LIMIT_ERROR);
    expect(breaker.state().state).toBe('open');
  });

  it('ignores caller aborts and local refusals', () => {
    const { breaker } = setup();
    for (let i = 0; i < 5; i++) {
      breaker
        .acquire()
        .recordError(providerError(LLMErrorType.UNKNOWN_ERROR, { details: { aborted: true } }));
      breaker
        .acquire()
        .recordError(
          providerError(LLMErrorType.RATE_LIMIT_ERROR, { details: { reason: 'local_rate_limit' } }),
        );
    }
    expect(breaker.state()).toMatchObject({ state: 'closed', windowCalls: 0 });
  });

  it('never opens when disabled', () => {
    const { breaker, fail } = setup({ enabled: false });
    for (let i = 0; i < 10; i++) fail();
    expect(breaker.state()).toMatchObject({ state: 'closed', enabled: false });
  });

  it('does not let a call that started before it opened close it', () => {
    const { breaker, fail } = setup();
    const early = breaker.acquire();
    fail();
    fail();
    fail();
    early.recordSuccess();
    expect(breaker.state().state).toBe('open');
  });

  it('serializes to JSON and restores into a new breaker that still fails fast', () => {
    const { breaker, clock, fail } = setup();
    fail();
    fail();
    fail();
    const saved = JSON.parse(JSON.stringify(breaker));
    const restored = new CircuitBreaker({ provider: 'openai', config: { cooldown: 1000 }, clock });
    restored.restore(saved);
    expect(restored.state()).toMatchObject({
      state: 'open',
      retryAt: clock.now() + 1000,
      consecutiveOpens: 1,
    });
    expect(refusal(restored).details).toMatchObject({ reason: 'circuit_open' });
  });

  it('runs a function through execute and refuses without calling it once open', async () => {
    const { breaker } = setup();
    let calls = 0;
    const failing = () => {
      calls += 1;
      return Promise.reject(providerError(LLMErrorType.NETWORK_ERROR));
    };
    for (let i = 0; i < 3; i++) await breaker.execute(failing).catch(() => undefined);
    await expect(breaker.execute(failing)).rejects.toMatchObject({
      details: { reason: 'circuit_open' },
    });
    expect(calls).toBe(3);
  });

  it('keeps its state when a reloaded config is applied', () => {
    const { breaker, fail } = setup();
    fail();
    fail();
    fail();
    breaker.updateConfig({ failure_threshold: 10, cooldown: 5000 });
    expect(breaker.state().state).toBe('open');
    expect(breaker.options.failureThreshold).toBe(10);
  });

  it('closes and forgets its counts on reset', () => {
    const { breaker, fail } = setup();
    fail();
    fail();
    fail();
    breaker.reset();
    expect(breaker.state()).toMatchObject({
      state: 'closed',
      consecutiveFailures: 0,
      consecutiveOpens: 0,
    });
  });
});

describe('CircuitBreaker.reportingTo', () => {
  it('tells the reporter only the state changes its own calls cause, once, and keeps subscribers subscribed', async () => {
    const { breaker, changes } = setup({ failure_threshold: 1 });
    const reported: string[] = [];
    const reporter = (change: CircuitStateChange) => reported.push(`${change.from}>${change.to}`);
    const both: string[] = [];
    const subscribed = (change: CircuitStateChange) => both.push(change.to);
    breaker.on('state-change', subscribed);
    const policy = breaker.reportingTo(reporter);
    await expect(
      policy.execute(async () => {
        throw providerError(LLMErrorType.SERVER_ERROR);
      }),
    ).rejects.toMatchObject({ type: LLMErrorType.SERVER_ERROR });
    expect(reported).toEqual(['closed>open']);
    breaker.reset();
    // A change no call of the policy caused is not the reporter's.
    expect(reported).toEqual(['closed>open']);
    // A reporter that is also a subscriber hears each change once, and stays subscribed after.
    const doubled = breaker.reportingTo(subscribed);
    await expect(
      doubled.execute(async () => {
        throw providerError(LLMErrorType.SERVER_ERROR);
      }),
    ).rejects.toMatchObject({ type: LLMErrorType.SERVER_ERROR });
    expect(both).toEqual(['open', 'closed', 'open']);
    breaker.reset();
    expect(both).toEqual(['open', 'closed', 'open', 'closed']);
    expect(changes.map((change) => change.to)).toEqual(['open', 'closed', 'open', 'closed']);
  });

  it('keeps reporting when a reporter throws', async () => {
    const { breaker, changes } = setup({ failure_threshold: 1 });
    const policy = breaker.reportingTo(() => {
      throw new Error('observer failed');
    });
    await expect(
      policy.execute(async () => {
        throw providerError(LLMErrorType.SERVER_ERROR);
      }),
    ).rejects.toMatchObject({ type: LLMErrorType.SERVER_ERROR });
    expect(changes.map((change) => change.to)).toEqual(['open']);
  });
});

describe('CircuitBreaker.hold', () => {
  it('admits now and records the outcome told later, once, telling the reporter the changes it causes with the origin', () => {
    const { breaker } = setup({ failure_threshold: 1 });
    const reported: Array<[string, unknown]> = [];
    const reporter = (change: CircuitStateChange, origin?: unknown) =>
      reported.push([`${change.from}>${change.to}`, origin]);
    const held = breaker.hold(reporter, 'call-1', new AbortController().signal);
    expect(breaker.state().state).toBe('closed');
    held.fail(providerError(LLMErrorType.SERVER_ERROR));
    held.succeed(); // told once: later outcomes are ignored
    expect(breaker.state().state).toBe('open');
    expect(reported).toEqual([['closed>open', 'call-1']]);
    expect(() => breaker.hold(reporter, 'call-2')).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ reason: 'circuit_open' }) }),
    );
  });

  it('counts a success, and a failure once the signal aborted for nothing, as execute does', () => {
    const { breaker } = setup({ failure_threshold: 1 });
    breaker.hold(undefined).succeed();
    expect(breaker.state()).toMatchObject({ state: 'closed', windowCalls: 1 });
    const aborted = new AbortController();
    aborted.abort();
    breaker
      .hold(undefined, undefined, aborted.signal)
      .fail(providerError(LLMErrorType.SERVER_ERROR));
    expect(breaker.state()).toMatchObject({ state: 'closed', consecutiveFailures: 0 });
  });
});
