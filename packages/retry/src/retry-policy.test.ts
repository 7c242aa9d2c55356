import type { LLMError } from '@llm/core';
import { isAbortedLLMError, LLMErrorType } from '@llm/core';
import { describe, expect, it } from 'vitest';
import { failingThen, providerError } from './__tests__/llm-errors';
import { createTestClock } from './__tests__/test-clock';
import { RetryPolicy, type RetryEvent } from './retry-policy';

function alwaysFailing(type: LLMErrorType) {
  let calls = 0;
  return {
    calls: () => calls,
    fn: async () => {
      calls += 1;
      throw providerError(type);
    },
  };
}

function setup(config = {}) {
  const clock = createTestClock();
  const policy = new RetryPolicy(
    { jitter: 'none', ...config },
    { clock, random: () => 0.5, providerName: 'openai' },
  );
  const retries: RetryEvent[] = [];
  policy.on('retry', (event) => retries.push(event));
  return { clock, policy, retries };
}

describe('RetryPolicy', () => {
  it.each([
    ['network', 4, [1000, 2000, 4000]],
    ['rate_limit', 6, [1000, 2000, 3000, 4000, 5000]],
    ['server_error', 3, [1000, 1000]],
    ['timeout', 4, [1000, 2000, 4000]],
    ['auth', 1, []],
    ['invalid_request', 1, []],
    ['model_not_found', 1, []],
    ['token_limit', 1, []],
  ] as const)('tries %s %i times in all with waits %j', async (type, attempts, delays) => {
    const { clock, policy, retries } = setup();
    const failing = alwaysFailing(type);
    await expect(clock.runUntilSettled(policy.execute(failing.fn))).rejects.toMatchObject({ type });
    expect(failing.calls()).toBe(attempts);
    expect(retries.map((event) => event.delayMs)).toEqual(delays);
  });

  it('resolves with the value of the first attempt that succeeds', async () => {
    const { clock, policy } = setup();
    const script = failingThen(
      [providerError(LLMErrorType.NETWORK_ERROR), providerError(LLMErrorType.SERVER_ERROR)],
      'ok',
    );
    await expect(clock.runUntilSettled(policy.execute(script.fn))).resolves.toBe('ok');
    expect(script.calls()).toBe(3);
  });

  it('passes the attempt number to each attempt', async () => {
    const { clock, policy } = setup();
    const seen: number[] = [];
    const run = policy.execute(async ({ attempt }) => {
      seen.push(attempt);
      if (attempt < 3) throw providerError(LLMErrorType.NETWORK_ERROR);
      return attempt;
    });
    await clock.runUntilSettled(run);
    expect(seen).toEqual([1, 2, 3]);
  });

  it('waits exactly the planned delay before the next attempt', async () => {
    const { clock, policy } = setup();
    const script = failingThen([providerError(LLMErrorType.NETWORK_ERROR)], 'ok');
    const run = policy.execute(script.fn);
    await clock.advanceBy(999);
    expect(script.calls()).toBe(1);
    await clock.advanceBy(1);
    expect(script.calls()).toBe(2);
    await expect(run).resolves.toBe('ok');
  });

  it('waits at least the retry-after a server asked for', async () => {
    const { clock, policy, retries } = setup();
    const script = failingThen(
      [providerError(LLMErrorType.RATE_LIMIT_ERROR, { retryAfterMs: 300, statusCode: 429 })],
      'ok',
    );
    const run = policy.execute(script.fn);
    await clock.advanceBy(999);
    expect(script.calls()).toBe(1);
    await clock.advanceBy(1);
    await expect(run).resolves.toBe('ok');
    expect(retries[0]?.delayMs).toBe(1000);
  });

  it('fails fast, stating the wait, when the retry-after exceeds the cap', async () => {
    const { clock, policy } = setup();
    const failing = failingThen(
      [providerError(LLMErrorType.RATE_LIMIT_ERROR, { retryAfterMs: 90_000 })],
      'ok',
    );
    const error = await clock
      .runUntilSettled(policy.execute(failing.fn))
      .catch((thrown: unknown) => thrown as LLMError);
    expect(failing.calls()).toBe(1);
    expect(clock.now()).toBe(0);
    expect((error as LLMError).message).toContain('wait 90 s');
  });

  it('gives up at the deadline instead of starting a wait that would pass it', async () => {
    const { clock, policy } = setup({ deadline: 2500 });
    const failing = alwaysFailing(LLMErrorType.NETWORK_ERROR);
    const error = (await clock
      .runUntilSettled(policy.execute(failing.fn))
      .catch((thrown: unknown) => thrown)) as LLMError;
    expect(failing.calls()).toBe(2);
    expect(clock.now()).toBe(1000);
    expect(error.message).toContain('deadline of 2500 ms');
  });

  it('ends a backoff wait at once when the signal aborts', async () => {
    const { clock, policy, retries } = setup();
    const controller = new AbortController();
    const failing = alwaysFailing(LLMErrorType.NETWORK_ERROR);
    const run = policy.execute(failing.fn, controller.signal);
    await clock.advanceBy(0);
    expect(retries).toHaveLength(1);
    controller.abort();
    const error = (await run.catch((thrown: unknown) => thrown)) as LLMError;
    expect(isAbortedLLMError(error)).toBe(true);
    expect(clock.now()).toBe(0);
    expect(failing.calls()).toBe(1);
    expect(error.attempts).toHaveLength(1);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('does not retry an attempt that failed because the caller aborted', async () => {
    const { clock, policy } = setup();
    const controller = new AbortController();
    let calls = 0;
    const run = policy.execute(async ({ signal }) => {
      calls += 1;
      controller.abort();
      throw Object.assign(new Error(String(signal.aborted)), { name: 'AbortError' });
    }, controller.signal);
    const error = await clock.runUntilSettled(run).catch((thrown: unknown) => thrown);
    expect(isAbortedLLMError(error)).toBe(true);
    expect(calls).toBe(1);
  });

  it('does not start when the signal is already aborted', async () => {
    const { policy } = setup();
    const controller = new AbortController();
    controller.abort();
    let calls = 0;
    await expect(policy.execute(async () => calls++, controller.signal)).rejects.toSatisfy(
      isAbortedLLMError,
    );
    expect(calls).toBe(0);
  });

  it('puts every attempt in the history of the final error', async () => {
    const { clock, policy } = setup();
    const failing = alwaysFailing(LLMErrorType.SERVER_ERROR);
    const error = (await clock
      .runUntilSettled(policy.execute(failing.fn))
      .catch((thrown: unknown) => thrown)) as LLMError;
    expect(error.attempts).toEqual([
      {
        attempt: 1,
        type: 'server_error',
        message: 'simulated server_error',
        statusCode: undefined,
        delayMs: 1000,
      },
      {
        attempt: 2,
        type: 'server_error',
        message: 'simulated server_error',
        statusCode: undefined,
        delayMs: 1000,
      },
      {
        attempt: 3,
        type: 'server_error',
        message: 'simulated server_error',
        statusCode: undefined,
        delayMs: undefined,
      },
    ]);
    expect(error.message).toContain('failed after 3 attempts');
  });

  it('never retries an error the provider marked not retryable', async () => {
    const { clock, policy } = setup();
    const failing = failingThen(
      [providerError(LLMErrorType.RATE_LIMIT_ERROR, { retryable: false })],
      'ok',
    );
    await expect(clock.runUntilSettled(policy.execute(failing.fn))).rejects.toMatchObject({
      type: 'rate_limit',
    });
    expect(failing.calls()).toBe(1);
  });

  it('caps the attempts of every type at max_attempts', async () => {
    const { clock, policy } = setup({ max_attempts: 2 });
    const failing = alwaysFailing(LLMErrorType.RATE_LIMIT_ERROR);
    await clock.runUntilSettled(policy.execute(failing.fn)).catch(() => undefined);
    expect(failing.calls()).toBe(2);
  });

  it('wraps a thrown non-LLMError as an unknown error that is not retried', async () => {
    const { clock, policy } = setup();
    const failing = failingThen([new TypeError('bug')], 'ok');
    await expect(clock.runUntilSettled(policy.execute(failing.fn))).rejects.toMatchObject({
      type: 'unknown',
      message: 'bug',
    });
    expect(failing.calls()).toBe(1);
  });

  it('reports the failed attempt, its error and the wait in each retry event', async () => {
    const { clock, policy, retries } = setup();
    const error = providerError(LLMErrorType.NETWORK_ERROR);
    await clock.runUntilSettled(policy.execute(failingThen([error], 'ok').fn));
    expect(retries).toEqual([{ attempt: 1, error, delayMs: 1000 }]);
  });

  it('emits give-up with the reason when it stops', async () => {
    const { clock, policy } = setup();
    const reasons: string[] = [];
    policy.on('give-up', (event) => reasons.push(`${event.reason}:${event.attempts}`));
    await clock
      .runUntilSettled(policy.execute(alwaysFailing(LLMErrorType.SERVER_ERROR).fn))
      .catch(() => undefined);
    expect(reasons).toEqual(['exhausted:3']);
  });
});
