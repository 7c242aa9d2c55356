import type { LLMError } from '@llm/core';
import { LLMErrorType, type RateLimitConfig } from '@llm/core';
import { describe, expect, it } from 'vitest';
import { providerError } from '../__tests__/llm-errors';
import { createTestClock, type TestClock } from '../__tests__/test-clock';
import type { RateLimitedEvent } from './acquire-permit';
import { createLimitScope } from './limit-scope';
import { createRateLimiter, RateLimiter } from './rate-limiter';

function setup(config: RateLimitConfig) {
  const clock = createTestClock();
  const limiter = createRateLimiter(config, { provider: 'openai', clock });
  const limited: RateLimitedEvent[] = [];
  limiter.on('rate-limited', (event) => limited.push(event));
  return { clock, limiter, limited };
}

/** Starts `count` calls at once and records when each one actually ran. */
async function burst(
  clock: TestClock,
  limiter: RateLimiter,
  count: number,
): Promise<{ starts: number[]; errors: LLMError[] }> {
  const starts: number[] = [];
  const errors: LLMError[] = [];
  const calls = Array.from({ length: count }, () =>
    limiter
      .execute(async () => starts.push(clock.now()))
      .catch((error: LLMError) => errors.push(error)),
  );
  await clock.runUntilSettled(Promise.all(calls));
  return { starts, errors };
}

const maxInAnyWindow = (starts: number[], windowMs: number) =>
  Math.max(
    ...starts.map(
      (from) => starts.filter((start) => start >= from && start < from + windowMs).length,
    ),
  );

describe('RateLimiter', () => {
  it('lets at most rate + burst of 50 concurrent calls start in any second', async () => {
    const { clock, limiter } = setup({ requests_per_second: 5, burst: 5 });
    const { starts, errors } = await burst(clock, limiter, 50);
    expect(errors).toEqual([]);
    expect(starts).toHaveLength(50);
    expect(maxInAnyWindow(starts, 1000)).toBeLessThanOrEqual(10);
    expect(Math.max(...starts)).toBe(9000);
  });

  it('spaces calls evenly with the default burst of 1', async () => {
    const { clock, limiter } = setup({ requests_per_second: 5 });
    const { starts } = await burst(clock, limiter, 6);
    expect(starts).toEqual([0, 200, 400, 600, 800, 1000]);
  });

  it('keeps a per-minute sliding window to its count in any window', async () => {
    const { clock, limiter } = setup({
      requests_per_minute: 3,
      sliding_window: true,
      max_wait: 300_000,
    });
    const { starts } = await burst(clock, limiter, 7);
    expect(starts).toEqual([0, 0, 0, 60_000, 60_000, 60_000, 120_000]);
  });

  it('refuses a call whose permit lies beyond max_wait with a rate_limit error naming the limit', async () => {
    const { clock, limiter, limited } = setup({ requests_per_second: 1, max_wait: 2000 });
    const { starts, errors } = await burst(clock, limiter, 5);
    expect(starts).toEqual([0, 1000, 2000]);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatchObject({
      type: 'rate_limit',
      retryable: false,
      providerName: 'openai',
      retryAfterMs: 3000,
    });
    expect(errors[0]?.details).toMatchObject({
      reason: 'local_rate_limit',
      limit: 'requests_per_second',
      scope: 'provider',
      kind: 'wait_too_long',
    });
    expect(errors[0]?.message).toContain(
      'requests_per_second of provider "openai" (1 requests per second, burst 1)',
    );
    expect(limited.filter((event) => event.rejected)).toHaveLength(2);
  });

  it('queues calls beyond max_concurrency and runs them as slots free up', async () => {
    const { clock, limiter } = setup({ max_concurrency: 2 });
    let running = 0;
    let peak = 0;
    const call = () =>
      limiter.execute(async () => {
        running += 1;
        peak = Math.max(peak, running);
        await clock.sleep(100);
        running -= 1;
      });
    await clock.runUntilSettled(Promise.all([call(), call(), call(), call(), call()]));
    expect(peak).toBe(2);
    expect(clock.now()).toBe(300);
  });

  it('refuses a call that waited queue_timeout for a slot', async () => {
    const { clock, limiter } = setup({ max_concurrency: 1, queue_timeout: 50 });
    const slow = limiter.execute(() => clock.sleep(100));
    const queued = limiter.execute(async () => 'ran').catch((error: LLMError) => error);
    await clock.runUntilSettled(slow);
    const error = (await queued) as LLMError;
    expect(error.details).toMatchObject({
      reason: 'local_rate_limit',
      limit: 'max_concurrency',
      kind: 'queue_timeout',
      waitMs: 50,
    });
  });

  it('refuses at once when the queue is full', async () => {
    const { clock, limiter } = setup({ max_concurrency: 1, max_queue: 0 });
    const slow = limiter.execute(() => clock.sleep(100));
    await expect(limiter.execute(async () => 'ran')).rejects.toMatchObject({
      details: { kind: 'queue_full' },
    });
    await clock.runUntilSettled(slow);
  });

  it('reserves the estimated tokens before a call', async () => {
    const { clock, limiter } = setup({ tokens_per_minute: 1000, max_wait: 60_000 });
    await limiter.executeCall(async () => 'first', { estimatedTokens: 800 });
    const second = limiter.executeCall(async () => clock.now(), { estimatedTokens: 800 });
    await expect(clock.runUntilSettled(second)).resolves.toBe(36_000);
  });

  it('gives back what a call did not use once its actual usage is known', async () => {
    const { clock, limiter } = setup({ tokens_per_minute: 1000 });
    await limiter.executeCall(async () => ({ used: 200 }), {
      estimatedTokens: 800,
      actualTokens: (result) => result.used,
    });
    const second = limiter.executeCall(async () => clock.now(), { estimatedTokens: 800 });
    await expect(clock.runUntilSettled(second)).resolves.toBe(0);
  });

  it('charges usage above the estimate to later calls', async () => {
    const { clock, limiter } = setup({ tokens_per_minute: 1000, max_wait: 60_000 });
    await limiter.executeCall(async () => ({ used: 1600 }), {
      estimatedTokens: 100,
      actualTokens: (result) => result.used,
    });
    const second = limiter.executeCall(async () => clock.now(), { estimatedTokens: 0 });
    await expect(clock.runUntilSettled(second)).resolves.toBe(36_000);
  });

  it('refuses at once a call estimated above tokens_per_minute', async () => {
    const { limiter } = setup({ tokens_per_minute: 1000 });
    const error = (await limiter
      .executeCall(async () => 'ran', { estimatedTokens: 5000 })
      .catch((thrown: unknown) => thrown)) as LLMError;
    expect(error.details).toMatchObject({ limit: 'tokens_per_minute', kind: 'too_large' });
    expect(error.message).toContain('needs about 5000 tokens');
  });

  it('cuts its rate after a provider 429 and reports the new rate', async () => {
    const { clock, limiter } = setup({ requests_per_second: 10, adaptive: true });
    const adjusted: number[] = [];
    limiter.on('rate-adjusted', (event) => adjusted.push(event.ratePerSecond));
    await limiter
      .execute(() =>
        Promise.reject(providerError(LLMErrorType.RATE_LIMIT_ERROR, { statusCode: 429 })),
      )
      .catch(() => undefined);
    expect(adjusted).toEqual([5]);
    const { starts } = await burst(clock, limiter, 4);
    const gaps = starts.slice(1).map((start, index) => start - (starts[index] ?? 0));
    for (const gap of gaps) {
      expect(gap).toBeGreaterThan(180);
      expect(gap).toBeLessThanOrEqual(200);
    }
  });

  it('does not cut its rate on its own refusals', () => {
    const { limiter } = setup({ requests_per_second: 10, adaptive: true });
    const adjusted: number[] = [];
    limiter.on('rate-adjusted', (event) => adjusted.push(event.ratePerSecond));
    limiter.recordError(
      providerError(LLMErrorType.RATE_LIMIT_ERROR, { details: { reason: 'local_rate_limit' } }),
    );
    expect(adjusted).toEqual([]);
  });

  it('returns the permit of a call aborted while it waited', async () => {
    const { clock, limiter } = setup({ requests_per_second: 1 });
    await limiter.execute(async () => 'first');
    const controller = new AbortController();
    const waiting = limiter
      .execute(async () => 'second', controller.signal)
      .catch((error: unknown) => error);
    await clock.advanceBy(10);
    controller.abort();
    expect(await waiting).toMatchObject({ details: { aborted: true } });
    const third = limiter.execute(async () => clock.now());
    await expect(clock.runUntilSettled(third)).resolves.toBe(1000);
  });

  it('applies the provider limit and the model limit together', async () => {
    const clock = createTestClock();
    const provider = createLimitScope({
      config: { requests_per_second: 10 },
      scope: 'provider',
      provider: 'openai',
      clock,
    });
    const model = createLimitScope({
      config: { requests_per_second: 2 },
      scope: 'model',
      provider: 'openai',
      model: 'gpt-4o',
      clock,
    });
    const limiter = new RateLimiter({ scopes: [provider, model], clock });
    const other = new RateLimiter({ scopes: [provider], clock });
    const { starts } = await burst(clock, limiter, 3);
    expect(starts).toEqual([0, 500, 1000]);
    await expect(clock.runUntilSettled(other.execute(async () => clock.now()))).resolves.toBe(1100);
  });
});
