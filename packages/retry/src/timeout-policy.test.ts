import { isAbortedLLMError, LLMError } from '@llm/core';
import { describe, expect, it } from 'vitest';
import { createTestClock } from './__tests__/test-clock';
import { TimeoutPolicy } from './timeout-policy';

describe('TimeoutPolicy', () => {
  it('rejects with a typed, retryable timeout and aborts the signal when time is up', async () => {
    const clock = createTestClock();
    const policy = new TimeoutPolicy({ timeoutMs: 500, clock, providerName: 'openai' });
    let seen: AbortSignal | undefined;
    const run = policy.execute(({ signal }) => {
      seen = signal;
      return new Promise<never>(() => undefined);
    });
    const outcome = run.catch((error: unknown) => error as LLMError);
    await clock.advanceBy(500);
    const error = await outcome;
    expect(error).toMatchObject({
      type: 'timeout',
      retryable: true,
      details: { reason: 'request_timeout', timeoutMs: 500 },
    });
    expect(error.message).toContain('timeouts.request = 500 ms');
    expect(seen?.aborted).toBe(true);
  });

  it('resolves when the call finishes in time and leaves no timer behind', async () => {
    const clock = createTestClock();
    const policy = new TimeoutPolicy({ timeoutMs: 500, clock });
    const run = policy.execute(() => clock.sleep(499).then(() => 'done'));
    await clock.advanceBy(499);
    await expect(run).resolves.toBe('done');
    expect(clock.pendingTimers()).toBe(0);
  });

  it('marks the total timeout as not retryable', async () => {
    const clock = createTestClock();
    const policy = new TimeoutPolicy({ timeoutMs: 100, kind: 'total', clock });
    const outcome = policy
      .execute(() => new Promise<never>(() => undefined))
      .catch((error: unknown) => error);
    await clock.advanceBy(100);
    expect(await outcome).toMatchObject({
      type: 'timeout',
      retryable: false,
      details: { reason: 'total_timeout' },
    });
  });

  it('surfaces a caller abort as the abort, not a timeout', async () => {
    const clock = createTestClock();
    const policy = new TimeoutPolicy({ timeoutMs: 500, clock });
    const controller = new AbortController();
    const outcome = policy
      .execute(() => new Promise<never>(() => undefined), controller.signal)
      .catch((error: unknown) => error);
    controller.abort();
    const error = await outcome;
    expect(isAbortedLLMError(error)).toBe(true);
    expect(LLMError.is(error) && error.type).toBe('unknown');
  });

  it('reports each timeout as an event', async () => {
    const clock = createTestClock();
    const policy = new TimeoutPolicy({ timeoutMs: 50, clock });
    const kinds: string[] = [];
    policy.on('timeout', (event) => kinds.push(`${event.kind}:${event.timeoutMs}`));
    const outcome = policy
      .execute(() => new Promise<never>(() => undefined))
      .catch(() => undefined);
    await clock.advanceBy(50);
    await outcome;
    expect(kinds).toEqual(['request:50']);
  });
});
