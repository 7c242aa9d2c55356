// The response cache as the manager uses it: which calls are cached and for how long, lookups and
// stores that never fail a call, and single-flight for identical calls in flight.
import {
  systemClock,
  type Clock,
  type EmbeddingRequest,
  type LLMRequest,
  type LLMStreamChunk,
} from '@llm/core';
import { cacheKey, type CachedOperation } from './cache-key';
import type { CacheEntry, CacheStore } from './cache-store';
import {
  createMemoryCacheStore,
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_ENTRIES,
} from './memory-cache-store';
import { SingleFlight } from './single-flight';
import { replayStoredStream, StreamRecorder, type StoredStream } from './stored-stream';

/** `[llm.cache]` as the cache reads it (the config package validates it). */
export interface ResponseCacheSettings {
  readonly enabled?: boolean;
  /** Entry lifetime in ms (default one hour). */
  readonly ttl?: number;
  readonly max_entries?: number;
  readonly max_bytes?: number;
  /** Which operations are cached (default chat and embedding). */
  readonly operations?: ReadonlyArray<'chat' | 'embedding'>;
  /** Cache chat calls whose `temperature` is absent or above 0 (default false: their answers vary). */
  readonly include_nondeterministic?: boolean;
}

/**
 * Per call `options.cache`: `false` never caches the call; `true` caches it even when `[llm.cache]`
 * is off or its temperature varies; `{ ttl }` does so with its own lifetime.
 */
export type CallCacheOption = boolean | { readonly ttl?: number };

export const DEFAULT_CACHE_TTL_MS = 60 * 60 * 1000;

export interface ResponseCacheOptions {
  /** Read on every call, so a config reload changes the policy (the store's bounds are fixed). */
  readonly settings?: () => ResponseCacheSettings | undefined;
  /** Default a memory store bounded by the settings' `max_entries` / `max_bytes` at creation. */
  readonly store?: CacheStore;
  readonly clock?: Clock;
  /** A store that failed (a Redis outage): the call goes on uncached. */
  readonly onStoreError?: (error: unknown, operation: 'get' | 'set') => void;
}

/** The decision for one call: its key and how long its answer is kept. */
export interface CachePlan {
  readonly key: string;
  readonly ttlMs: number;
}

export interface ResponseCache {
  readonly store: CacheStore;
  /** The call's key and lifetime, or undefined when the call is not cached. */
  plan(
    operation: CachedOperation,
    request: LLMRequest | EmbeddingRequest,
    option?: CallCacheOption,
  ): CachePlan | undefined;
  /** The stored value (a copy the caller may change), or undefined; a failing store answers undefined. */
  lookup<Value>(key: string): Promise<Value | undefined>;
  /** Stores a value; a failing store is reported, never thrown. */
  remember(plan: CachePlan, value: unknown): Promise<void>;
  /** Identical calls in flight. */
  readonly flights: SingleFlight<unknown>;
  /** Assembles a streamed answer on a miss; its `stored()` is what `remember` keeps. */
  recordStream(): StreamRecorder;
  /** The chunks a hit on a stored stream yields. */
  replayStream(stored: StoredStream | readonly LLMStreamChunk[]): LLMStreamChunk[];
  clear(): Promise<void>;
  close(): Promise<void>;
}

function deterministic(operation: CachedOperation, request: LLMRequest | EmbeddingRequest) {
  if (operation === 'embedding') return true;
  const temperature = (request as LLMRequest).temperature;
  return temperature === 0;
}

/** A response cache over `store` (default: in memory, LRU + TTL). */
export function createResponseCache(options: ResponseCacheOptions = {}): ResponseCache {
  const settings = options.settings ?? (() => undefined);
  const clock = options.clock ?? systemClock;
  const initial = settings() ?? {};
  // The default memory store serializes on `set` and parses on `get`, so its values are copies
  // already; a store of the caller's (which may keep references) gets copies made here.
  const copies = options.store !== undefined;
  const store =
    options.store ??
    createMemoryCacheStore({
      maxEntries: initial.max_entries ?? DEFAULT_MAX_ENTRIES,
      maxBytes: initial.max_bytes ?? DEFAULT_MAX_BYTES,
      clock,
    });
  const report = options.onStoreError ?? (() => {});
  return {
    store,
    flights: new SingleFlight<unknown>(),
    recordStream: () => new StreamRecorder(),
    replayStream: replayStoredStream,
    plan(operation, request, option) {
      if (option === false) return undefined;
      const current = settings() ?? {};
      const forced = option === true || typeof option === 'object';
      if (!forced) {
        if (!current.enabled) return undefined;
        const operations = current.operations;
        if (
          operations !== undefined &&
          !operations.includes(operation === 'embedding' ? 'embedding' : 'chat')
        )
          return undefined;
        if (!current.include_nondeterministic && !deterministic(operation, request))
          return undefined;
      }
      const ttlMs =
        (typeof option === 'object' ? option.ttl : undefined) ??
        current.ttl ??
        DEFAULT_CACHE_TTL_MS;
      return { key: cacheKey(operation, request), ttlMs };
    },
    async lookup<Value>(key: string) {
      let entry: CacheEntry | undefined;
      try {
        entry = await store.get(key);
      } catch (error) {
        report(error, 'get');
        return undefined;
      }
      if (entry === undefined) return undefined;
      return (copies ? structuredClone(entry.value) : entry.value) as Value;
    },
    async remember(plan, value) {
      try {
        await store.set(
          plan.key,
          { value: copies ? structuredClone(value) : value, storedAt: clock.now() },
          { ttlMs: plan.ttlMs },
        );
      } catch (error) {
        report(error, 'set');
      }
    },
    clear: () => store.clear(),
    close: async () => {
      await store.close?.();
    },
  };
}
