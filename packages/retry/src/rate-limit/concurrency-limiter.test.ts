import { describe, expect, it } from 'vitest';
import { createTestClock } from '../__tests__/test-clock';
import { ConcurrencyLimiter, ConcurrencyRefusal } from './concurrency-limiter';

function setup(maxConcurrency = 2, maxQueue = 2) {
  const clock = createTestClock();
  return { clock, limiter: new ConcurrencyLimiter({ maxConcurrency, maxQueue, clock }) };
}

describe('ConcurrencyLimiter', () => {
  it('grants slots up to the limit at once and queues the rest', async () => {
    const { limiter } = setup();
    await limiter.acquire({ timeoutMs: 1000 });
    await limiter.acquire({ timeoutMs: 1000 });
    void limiter.acquire({ timeoutMs: 1000 }).catch(() => undefined);
    expect(limiter.active).toBe(2);
    expect(limiter.queued).toBe(1);
  });

  it('hands a released slot to the first waiter', async () => {
    const { limiter } = setup(1, 5);
    const release = await limiter.acquire({ timeoutMs: 1000 });
    const order: string[] = [];
    const first = limiter.acquire({ timeoutMs: 1000 }).then((free) => (order.push('first'), free));
    const second = limiter
      .acquire({ timeoutMs: 1000 })
      .then((free) => (order.push('second'), free));
    release();
    (await first)();
    (await second)();
    expect(order).toEqual(['first', 'second']);
    expect(limiter.active).toBe(0);
  });

  it('refuses at once when the queue is full', async () => {
    const { limiter } = setup(1, 1);
    await limiter.acquire({ timeoutMs: 1000 });
    void limiter.acquire({ timeoutMs: 1000 }).catch(() => undefined);
    await expect(limiter.acquire({ timeoutMs: 1000 })).rejects.toMatchObject({
      kind: 'queue_full',
    });
  });

  it('refuses a waiter after its queue timeout', async () => {
    const { clock, limiter } = setup(1, 1);
    await limiter.acquire({ timeoutMs: 1000 });
    const waiting = limiter.acquire({ timeoutMs: 500 });
    const outcome = waiting.catch((error: unknown) => error);
    await clock.advanceBy(500);
    const error = await outcome;
    expect(error).toBeInstanceOf(ConcurrencyRefusal);
    expect(error).toMatchObject({ kind: 'queue_timeout', waitedMs: 500 });
    expect(limiter.queued).toBe(0);
  });

  it('recognises its refusal by identity, not by class or message', () => {
    const refusal = new ConcurrencyRefusal('queue_full', 0);
    expect(ConcurrencyRefusal.is(refusal)).toBe(true);
    expect(ConcurrencyRefusal.is({ ...refusal, kind: 'queue_full' })).toBe(false);
    expect(ConcurrencyRefusal.is(new Error('The concurrency queue is full.'))).toBe(false);
  });

  it('takes an aborted waiter out of the queue', async () => {
    const { limiter } = setup(1, 1);
    await limiter.acquire({ timeoutMs: 1000 });
    const controller = new AbortController();
    const waiting = limiter.acquire({ timeoutMs: 1000, signal: controller.signal });
    controller.abort('stop');
    await expect(waiting).rejects.toBe('stop');
    expect(limiter.queued).toBe(0);
  });

  it('counts a slot once even when released twice', async () => {
    const { limiter } = setup(1, 1);
    const release = await limiter.acquire({ timeoutMs: 1000 });
    release();
    release();
    expect(limiter.active).toBe(0);
  });
});
