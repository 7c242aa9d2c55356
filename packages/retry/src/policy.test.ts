import { isAbortedLLMError, LLMError, LLMErrorType } from '@llm/core';
import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from './circuit-breaker/circuit-breaker';
import { createRateLimiter } from './rate-limit/rate-limiter';
import { RetryPolicy } from './retry-policy';
import { providerError } from './__tests__/llm-errors';
import { createTestClock } from './__tests__/test-clock';
import { TimeoutPolicy } from './timeout-policy';
import {
  abortedError,
  composePolicies,
  linkAbortController,
  raceWithSignal,
  TypedEventEmitter,
} from './policy';

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

interface TestEvents {
  tick: { count: number };
}

describe('TypedEventEmitter', () => {
  it('delivers a payload to every listener of the event', () => {
    const emitter = new TypedEventEmitter<TestEvents>();
    const seen: number[] = [];
    emitter.on('tick', (payload) => seen.push(payload.count));
    emitter.on('tick', (payload) => seen.push(payload.count * 10));
    emitter.emit('tick', { count: 2 });
    expect(seen).toEqual([2, 20]);
  });

  it('stops delivering after the returned unsubscribe is called', () => {
    const emitter = new TypedEventEmitter<TestEvents>();
    const seen: number[] = [];
    const unsubscribe = emitter.on('tick', (payload) => seen.push(payload.count));
    unsubscribe();
    emitter.emit('tick', { count: 1 });
    expect(seen).toEqual([]);
    expect(emitter.listenerCount('tick')).toBe(0);
  });

  it('keeps delivering to later listeners when one throws', () => {
    const emitter = new TypedEventEmitter<TestEvents>();
    const seen: number[] = [];
    emitter.on('tick', () => {
      throw new Error('observer bug');
    });
    emitter.on('tick', (payload) => seen.push(payload.count));
    expect(() => emitter.emit('tick', { count: 3 })).not.toThrow();
    expect(seen).toEqual([3]);
  });
});

describe('linkAbortController', () => {
  it('aborts the child with the parent reason when the parent aborts', () => {
    const parent = new AbortController();
    const child = linkAbortController(parent.signal);
    parent.abort('stop');
    expect(child.signal.aborted).toBe(true);
    expect(child.signal.reason).toBe('stop');
  });

  it('leaves the parent alone when only the child aborts', () => {
    const parent = new AbortController();
    const child = linkAbortController(parent.signal);
    child.abort('child only');
    expect(parent.signal.aborted).toBe(false);
  });

  it('starts aborted when the parent already is', () => {
    const parent = new AbortController();
    parent.abort('early');
    expect(linkAbortController(parent.signal).signal.reason).toBe('early');
  });

  it('no longer follows the parent after dispose', () => {
    const parent = new AbortController();
    const child = linkAbortController(parent.signal);
    child.dispose();
    parent.abort('late');
    expect(child.signal.aborted).toBe(false);
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

describe('abortedError', () => {
  it('keeps an LLMError reason as the error', () => {
    const controller = new AbortController();
    const reason = new LLMError({ type: LLMErrorType.TIMEOUT_ERROR, message: 'total' });
    controller.abort(reason);
    expect(abortedError(controller.signal)).toBe(reason);
  });

  it('turns any other reason into the caller-abort error', () => {
    const controller = new AbortController();
    controller.abort();
    const error = abortedError(controller.signal, 'openai');
    expect(isAbortedLLMError(error)).toBe(true);
    expect(error.retryable).toBe(false);
    expect(error.providerName).toBe('openai');
  });
});
