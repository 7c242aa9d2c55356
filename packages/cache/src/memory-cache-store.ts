// The in-process store: lru-cache gives LRU eviction by count and by size, and per-entry TTL.
import { LLMError, LLMErrorType, systemClock, type Clock } from '@llm/core';
import { LRUCache } from 'lru-cache';
import type { CacheSetOptions, CacheStore } from './cache-store';

export interface MemoryCacheStoreOptions {
  /** The most entries kept (least recently used go first); default 1000. */
  readonly maxEntries?: number;
  /** The most bytes of serialized entries kept; default 64 MiB. */
  readonly maxBytes?: number;
  /** Time source of the TTLs (tests inject a manual clock). */
  readonly clock?: Clock;
}

export const DEFAULT_MAX_ENTRIES = 1000;
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

function positiveInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value <= 0) {
    throw new LLMError({
      type: LLMErrorType.INVALID_REQUEST,
      message: `Memory cache store: ${name} must be a positive integer (got ${String(value)})`,
      retryable: false,
    });
  }
  return value;
}

/**
 * What the store keeps per key: the value's JSON text, which is at once its size (so lru-cache's
 * size calculation is a field read) and a copy no caller can change; `get` parses a fresh value.
 */
interface StoredEntry {
  readonly json: string;
  readonly bytes: number;
  readonly storedAt: number;
}

/**
 * A CacheStore in memory, bounded by `maxEntries` and `maxBytes` (the UTF-8 size of the values'
 * JSON). Values are kept serialized: each `get` answers a fresh copy the caller owns.
 */
export function createMemoryCacheStore(options: MemoryCacheStoreOptions = {}): CacheStore {
  const clock = options.clock ?? systemClock;
  const maxBytes = positiveInteger(options.maxBytes ?? DEFAULT_MAX_BYTES, 'maxBytes');
  const entries = new LRUCache<string, StoredEntry>({
    max: positiveInteger(options.maxEntries ?? DEFAULT_MAX_ENTRIES, 'maxEntries'),
    maxSize: maxBytes,
    sizeCalculation: (item) => item.bytes,
    // lru-cache reads a start time of 0 as "no TTL"; a clock starting at 0 (tests) must not hit that.
    perf: { now: () => clock.now() + 1 },
    // Read the clock on every check: lru-cache's default caches "now" for 1 ms behind a timer.
    ttlResolution: 0,
    // Expiry is checked on read against the clock; no timers keep the process alive.
    ttlAutopurge: false,
  });
  return {
    async get(key) {
      const stored = entries.get(key);
      return stored === undefined
        ? undefined
        : { value: JSON.parse(stored.json) as unknown, storedAt: stored.storedAt };
    },
    async set(key, entry, { ttlMs }: CacheSetOptions) {
      if (ttlMs <= 0) return;
      // Serialized at once (before the caller can change the value): the text is the copy kept.
      const json = JSON.stringify(entry.value) ?? 'null';
      const bytes = Math.max(1, Buffer.byteLength(json));
      // An entry larger than the whole cache is not kept (it would evict everything else).
      if (bytes > maxBytes) return;
      entries.set(key, { json, bytes, storedAt: entry.storedAt }, { ttl: ttlMs });
    },
    async delete(key) {
      entries.delete(key);
    },
    async clear() {
      entries.clear();
    },
  };
}
