import { LLMErrorType } from '@llm/core';
import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from './circuit-breaker/circuit-breaker';
import { createRateLimiter } from './rate-limit/rate-limiter';
import { RetryPolicy } from './retry-policy';
import { providerError } from './__tests__/llm-errors';
import { createTestClock } from './__tests__/test-clock';
import { TimeoutPolicy } from './timeout-policy';
import { composePolicies, raceWithSignal } from './resilience-pipeline';

function policies(clock = createTestClock()) {
  return {
    clock,
    retry: new RetryPolicy({ jitter: 'none' }, { clock }),
    breaker: new CircuitBreaker({
      provider: 'openai',
      config: { failure_threshold: 2, cooldown: 60_000 },
      clock,
    }),
    limiter: createRateLimiter({ requests_per_second: 1 }, { provider: 'openai', clock }),
    timeout: new TimeoutPolicy({ timeoutMs: 100, clock }),
  };
}

describe('composePolicies', () => {
  it('gives the function the attempt number of the retry policy through the inner policies', async () => {
    const { clock, retry, breaker, limiter, timeout } = policies();
    const composed = composePolicies(retry, breaker, limiter, timeout);
    const attempts: number[] = [];
    const run = composed.execute(async ({ attempt }) => {
      attempts.push(attempt);
      if (attempt === 1) throw providerError(LLMErrorType.SERVER_ERROR);
      return 'ok';
    });
    await expect(clock.runUntilSettled(run)).resolves.toBe('ok');
    expect(attempts).toEqual([1, 2]);
  });

  it('stops retrying once the breaker inside the retry opens', async () => {
    const { clock, retry, breaker } = policies();
    let calls = 0;
    const run = composePolicies(retry, breaker).execute(async () => {
      calls += 1;
      throw providerError(LLMErrorType.NETWORK_ERROR);
    });
    await expect(clock.runUntilSettled(run)).rejects.toMatchObject({
      details: { reason: 'circuit_open' },
    });
    expect(calls).toBe(2);
  });

  it('does not count the wait for a permit against the timeout inside the limiter', async () => {
    const { clock, limiter, timeout } = policies();
    const composed = composePolicies(limiter, timeout);
    await composed.execute(async () => 'first');
    const second = composed.execute(() => clock.sleep(90).then(() => clock.now()));
    await expect(clock.runUntilSettled(second)).resolves.toBe(1090);
  });

  it('counts the wait for a permit against a timeout placed outside the limiter', async () => {
    const { clock, limiter, timeout } = policies();
    const composed = composePolicies(timeout, limiter);
    await composed.execute(async () => 'first');
    const second = composed.execute(() => clock.sleep(90).then(() => clock.now()));
    await expect(clock.runUntilSettled(second)).rejects.toMatchObject({ type: 'timeout' });
  });

  it('starts with attempt 1 when no retry policy is composed', async () => {
    const { timeout } = policies();
    await expect(composePolicies(timeout).execute(async ({ attempt }) => attempt)).resolves.toBe(1);
  });
});

describe('raceWithSignal', () => {
  it('rejects with the abort reason while the promise is still pending', async () => {
    const controller = new AbortController();
    const pending = raceWithSignal(new Promise<never>(() => undefined), controller.signal);
    controller.abort('gone');
    await expect(pending).rejects.toBe('gone');
  });

  it('resolves with the value when the promise wins', async () => {
    await expect(raceWithSignal(Promise.resolve(7), new AbortController().signal)).resolves.toBe(7);
  });
});
