import { LLMErrorType } from '@llm/core';
import { describe, expect, it } from 'vitest';
import { providerError } from '../__tests__/llm-errors';
import { createTestClock } from '../__tests__/test-clock';
import {
  anyOfStrategies,
  ConsecutiveFailuresStrategy,
  FailureRateStrategy,
  type BreakerOpenStrategy,
  type OpenVerdict,
} from './breaker-open-strategy';
import { CircuitBreaker } from './circuit-breaker';

describe('ConsecutiveFailuresStrategy', () => {
  it('opens on the threshold-th failure in a row', () => {
    const strategy = new ConsecutiveFailuresStrategy({ threshold: 3 });
    expect(strategy.recordFailure()).toBeUndefined();
    expect(strategy.recordFailure()).toBeUndefined();
    expect(strategy.recordFailure()).toEqual({
      reason: 'consecutive_failures',
      because: 'after 3 consecutive failures',
    });
  });

  it('keeps its count while the breaker is open and restarts it once closed', () => {
    const strategy = new ConsecutiveFailuresStrategy({ threshold: 2 });
    strategy.recordFailure();
    strategy.recordFailure();
    strategy.onStateChange('open');
    expect(strategy.counts()).toEqual({ consecutiveFailures: 2 });
    strategy.onStateChange('closed');
    expect(strategy.counts()).toEqual({ consecutiveFailures: 0 });
  });

  it('uses a reloaded threshold without forgetting the failures already counted', () => {
    const strategy = new ConsecutiveFailuresStrategy({ threshold: 5 });
    strategy.recordFailure();
    strategy.configure({ threshold: 2 });
    expect(strategy.recordFailure()?.reason).toBe('consecutive_failures');
  });
});

describe('FailureRateStrategy', () => {
  const options = { thresholdPercent: 50, minimumCalls: 4, windowMs: 10_000 };

  it('waits for minimum_calls before trusting the rate', () => {
    const strategy = new FailureRateStrategy(options);
    expect(strategy.recordFailure(0)).toBeUndefined();
    expect(strategy.recordFailure(1)).toBeUndefined();
    strategy.recordSuccess(2);
    expect(strategy.recordFailure(3)).toEqual({
      reason: 'failure_rate',
      because: 'after 3 of 4 calls failed in the last 10 s',
    });
  });

  it('counts only the outcomes inside the window', () => {
    const strategy = new FailureRateStrategy(options);
    strategy.recordFailure(0);
    strategy.recordFailure(0);
    strategy.recordFailure(0);
    expect(strategy.counts(10_000)).toEqual({ windowCalls: 0, windowFailures: 0 });
  });

  it('keeps counting exactly while a long run of outcomes slides through the window', () => {
    const strategy = new FailureRateStrategy({ ...options, minimumCalls: 1_000_000 });
    // One outcome per second, every third a failure: the 10 s window holds the last ten.
    for (let second = 0; second < 1_000; second++) {
      const at = second * 1_000;
      if (second % 3 === 0) strategy.recordFailure(at);
      else strategy.recordSuccess(at);
    }
    const failuresInLastTen = [990, 991, 992, 993, 994, 995, 996, 997, 998, 999].filter(
      (second) => second % 3 === 0,
    ).length;
    expect(strategy.counts(999_000)).toEqual({
      windowCalls: 10,
      windowFailures: failuresInLastTen,
    });
    expect(strategy.counts(2_000_000)).toEqual({ windowCalls: 0, windowFailures: 0 });
  });

  it('holds thousands of outcomes in the window exactly, while the oldest leave it', () => {
    const strategy = new FailureRateStrategy({ ...options, minimumCalls: 1_000_000 });
    // 100 outcomes per second for 30 s, every fifth a failure: the ring grows past its first
    // size and wraps as the window slides; the 10 s window always holds the last 1,000.
    const failed = (call: number) => call % 5 === 0;
    for (let call = 0; call < 3_000; call++) {
      const at = call * 10;
      if (failed(call)) strategy.recordFailure(at);
      else strategy.recordSuccess(at);
      if (call >= 1_000 && call % 250 === 0) {
        let failures = 0;
        for (let inWindow = call - 999; inWindow <= call; inWindow++)
          if (failed(inWindow)) failures += 1;
        expect(strategy.counts(at)).toEqual({ windowCalls: 1_000, windowFailures: failures });
      }
    }
    // Half a window later, only the outcomes of the last 5 s remain.
    expect(strategy.counts(29_990 + 5_000)).toEqual({ windowCalls: 500, windowFailures: 100 });
  });

  it('starts a fresh window when the breaker changes state or is restored', () => {
    const strategy = new FailureRateStrategy(options);
    strategy.recordFailure(0);
    strategy.onStateChange();
    expect(strategy.counts(0)).toEqual({ windowCalls: 0, windowFailures: 0 });
    strategy.recordFailure(0);
    strategy.restore();
    expect(strategy.counts(0)).toEqual({ windowCalls: 0, windowFailures: 0 });
  });
});

describe('anyOfStrategies', () => {
  it('shows every outcome to every strategy and opens on the first verdict', () => {
    const consecutive = new ConsecutiveFailuresStrategy({ threshold: 2 });
    const rate = new FailureRateStrategy({
      thresholdPercent: 100,
      minimumCalls: 1,
      windowMs: 1000,
    });
    const both = anyOfStrategies(consecutive, rate);
    expect(both.recordFailure(0)?.reason).toBe('failure_rate');
    expect(both.counts(0)).toEqual({ consecutiveFailures: 1, windowCalls: 1, windowFailures: 1 });
    both.restore({ consecutiveFailures: 7 });
    expect(both.counts(0)).toEqual({ consecutiveFailures: 7, windowCalls: 0, windowFailures: 0 });
  });
});

describe('CircuitBreaker with a custom open strategy', () => {
  /** Opens on the second counted failure, whatever the config says. */
  function openAfterTwoFailures(): BreakerOpenStrategy & { failures: number } {
    let failures = 0;
    return {
      get failures() {
        return failures;
      },
      recordSuccess: () => undefined,
      recordFailure: (): OpenVerdict | undefined => {
        failures += 1;
        return failures >= 2
          ? { reason: 'failure_rate', because: 'after two failures' }
          : undefined;
      },
      onStateChange: () => undefined,
      counts: () => ({}),
      restore: () => undefined,
    };
  }

  it('opens when its strategy says so, whatever the config thresholds', () => {
    const clock = createTestClock();
    const strategy = openAfterTwoFailures();
    const breaker = new CircuitBreaker({
      provider: 'openai',
      config: { failure_threshold: 100, cooldown: 1000 },
      clock,
      openStrategy: strategy,
    });
    breaker.acquire().recordError(providerError(LLMErrorType.SERVER_ERROR));
    expect(breaker.state().state).toBe('closed');
    breaker.acquire().recordError(providerError(LLMErrorType.SERVER_ERROR));
    expect(breaker.state()).toMatchObject({
      state: 'open',
      openReason: 'failure_rate',
      consecutiveFailures: 0,
    });
    expect(() => breaker.acquire()).toThrow('after two failures (last: server_error)');
  });

  it('keeps a custom strategy across a reloaded config', () => {
    const strategy = openAfterTwoFailures();
    const breaker = new CircuitBreaker({
      provider: 'openai',
      clock: createTestClock(),
      openStrategy: strategy,
    });
    breaker.updateConfig({ failure_threshold: 1 });
    breaker.acquire().recordError(providerError(LLMErrorType.NETWORK_ERROR));
    expect(breaker.state().state).toBe('closed');
    expect(strategy.failures).toBe(1);
  });
});
