import { describe, expect, it } from 'vitest';
import { createManualClock } from '@llm/core';
import type { CacheStore } from './cache-store';
import { createResponseCache, DEFAULT_CACHE_TTL_MS } from './response-cache';
import { SingleFlight } from './single-flight';

const chat = (extra: Record<string, unknown> = {}) => ({
  model: 'm',
  messages: [{ role: 'user' as const, content: 'hi' }],
  ...extra,
});

describe('createResponseCache plan', () => {
  it('caches nothing while [llm.cache] is off', () => {
    const cache = createResponseCache({ settings: () => ({ enabled: false }) });
    expect(cache.plan('chat', chat({ temperature: 0 }))).toBeUndefined();
    expect(createResponseCache().plan('chat', chat({ temperature: 0 }))).toBeUndefined();
  });

  it('caches temperature-0 chat and embeddings, with the configured ttl', () => {
    const cache = createResponseCache({ settings: () => ({ enabled: true, ttl: 5000 }) });
    expect(cache.plan('chat', chat({ temperature: 0 }))?.ttlMs).toBe(5000);
    expect(cache.plan('embedding', { model: 'e', input: 'x' })).toBeDefined();
    expect(cache.plan('chat', chat())).toBeUndefined();
    expect(cache.plan('chat', chat({ temperature: 0.7 }))).toBeUndefined();
  });

  it('caches varying answers when include_nondeterministic or the call says so', () => {
    const open = createResponseCache({
      settings: () => ({ enabled: true, include_nondeterministic: true }),
    });
    expect(open.plan('chat', chat())?.ttlMs).toBe(DEFAULT_CACHE_TTL_MS);
    const closed = createResponseCache({ settings: () => ({ enabled: false }) });
    expect(closed.plan('chat', chat(), true)).toBeDefined();
    expect(closed.plan('chat', chat(), { ttl: 10 })?.ttlMs).toBe(10);
    expect(open.plan('chat', chat(), false)).toBeUndefined();
  });

  it('leaves out operations not listed', () => {
    const cache = createResponseCache({
      settings: () => ({ enabled: true, operations: ['embedding'] }),
    });
    expect(cache.plan('chat', chat({ temperature: 0 }))).toBeUndefined();
    expect(cache.plan('stream', chat({ temperature: 0 }))).toBeUndefined();
    expect(cache.plan('embedding', { model: 'e', input: 'x' })).toBeDefined();
  });
});

describe('createResponseCache lookup and remember', () => {
  it('hands out copies, so a caller changing its answer does not change the stored one', async () => {
    const clock = createManualClock(0);
    const cache = createResponseCache({
      settings: () => ({ enabled: true, max_entries: 5 }),
      clock,
    });
    const plan = cache.plan('chat', chat({ temperature: 0 }))!;
    const value = { content: 'a' };
    await cache.remember(plan, value);
    value.content = 'changed';
    const first = await cache.lookup<{ content: string }>(plan.key);
    first!.content = 'mutated';
    expect(await cache.lookup(plan.key)).toEqual({ content: 'a' });
    await clock.advance(DEFAULT_CACHE_TTL_MS + 1);
    expect(await cache.lookup(plan.key)).toBeUndefined();
    await cache.remember(plan, value);
    await cache.clear();
    expect(await cache.lookup(plan.key)).toBeUndefined();
    await cache.close();
  });

  it('reports a failing store and answers as a miss', async () => {
    const failures: string[] = [];
    const store: CacheStore = {
      get: () => Promise.reject(new Error('down')),
      set: () => Promise.reject(new Error('down')),
      delete: async () => {},
      clear: async () => {},
      close: async () => void failures.push('closed'),
    };
    const cache = createResponseCache({
      store,
      onStoreError: (_error, operation) => failures.push(operation),
    });
    expect(await cache.lookup('k')).toBeUndefined();
    await cache.remember({ key: 'k', ttlMs: 1 }, 'v');
    await cache.close();
    expect(failures).toEqual(['get', 'set', 'closed']);
    const quiet = createResponseCache({ store });
    await expect(quiet.lookup('k')).resolves.toBeUndefined();
  });
});

describe('SingleFlight', () => {
  it('shares one flight per key and forgets it once settled, also when it fails', async () => {
    const flights = new SingleFlight<string>();
    let finish!: (value: string) => void;
    const led = flights.lead('k', new Promise((resolve) => (finish = resolve)));
    expect(flights.join('k')).toBe(led);
    expect(flights.join('other')).toBeUndefined();
    expect(flights.size).toBe(1);
    finish('done');
    await expect(led).resolves.toBe('done');
    expect(flights.join('k')).toBeUndefined();
    const failed = flights.lead('k', Promise.reject(new Error('no')));
    await expect(failed).rejects.toThrow('no');
    expect(flights.size).toBe(0);
  });
});
