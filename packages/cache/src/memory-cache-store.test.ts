import { describe, expect, it } from 'vitest';
import { createManualClock, LLMError } from '@llm/core';
import { createMemoryCacheStore } from './memory-cache-store';

const entry = (value: unknown) => ({ value, storedAt: 0 });

describe('createMemoryCacheStore', () => {
  it('forgets an entry once its ttl has passed on the injected clock', async () => {
    const clock = createManualClock(1_000);
    const store = createMemoryCacheStore({ clock });
    await store.set('k', entry('v'), { ttlMs: 100 });
    await clock.advance(99);
    expect((await store.get('k'))?.value).toBe('v');
    await clock.advance(2);
    expect(await store.get('k')).toBeUndefined();
  });

  it('evicts the least recently used entry beyond max_entries', async () => {
    const store = createMemoryCacheStore({ maxEntries: 2 });
    await store.set('a', entry(1), { ttlMs: 1000 });
    await store.set('b', entry(2), { ttlMs: 1000 });
    await store.get('a');
    await store.set('c', entry(3), { ttlMs: 1000 });
    expect(await store.get('b')).toBeUndefined();
    expect((await store.get('a'))?.value).toBe(1);
    expect((await store.get('c'))?.value).toBe(3);
  });

  it('evicts by size beyond max_bytes and never keeps an entry larger than the cache', async () => {
    const store = createMemoryCacheStore({ maxBytes: 20 });
    await store.set('a', entry('x'.repeat(10)), { ttlMs: 1000 });
    await store.set('b', entry('y'.repeat(10)), { ttlMs: 1000 });
    expect(await store.get('a')).toBeUndefined();
    await store.set('huge', entry('z'.repeat(100)), { ttlMs: 1000 });
    expect(await store.get('huge')).toBeUndefined();
    expect(await store.get('b')).toBeDefined();
  });

  it('keeps a serialized copy: a value changed after set, or an entry changed after get, stays as stored', async () => {
    const store = createMemoryCacheStore();
    const value = { content: 'a', usage: { prompt_tokens: 1 } };
    await store.set('k', { value, storedAt: 5 }, { ttlMs: 1000 });
    value.content = 'changed';
    const first = await store.get('k');
    expect(first).toEqual({ value: { content: 'a', usage: { prompt_tokens: 1 } }, storedAt: 5 });
    (first!.value as { content: string }).content = 'mutated';
    expect(((await store.get('k'))!.value as { content: string }).content).toBe('a');
  });

  it('deletes and clears', async () => {
    const store = createMemoryCacheStore();
    await store.set('a', entry(1), { ttlMs: 1000 });
    await store.set('b', entry(2), { ttlMs: 1000 });
    await store.delete('a');
    expect(await store.get('a')).toBeUndefined();
    await store.clear();
    expect(await store.get('b')).toBeUndefined();
    await store.set('c', entry(3), { ttlMs: 0 });
    expect(await store.get('c')).toBeUndefined();
  });

  it('refuses bounds that are not positive integers with a typed error naming the option', () => {
    expect(() => createMemoryCacheStore({ maxEntries: 0 })).toThrow(LLMError);
    expect(() => createMemoryCacheStore({ maxBytes: 1.5 })).toThrow(
      /maxBytes must be a positive integer/,
    );
  });
});
