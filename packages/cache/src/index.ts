export { cacheKey, canonicalJson, normalizedRequest, type CachedOperation } from './cache-key';
export type { CacheEntry, CacheSetOptions, CacheStore } from './cache-store';
export {
  createMemoryCacheStore,
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_ENTRIES,
  type MemoryCacheStoreOptions,
} from './memory-cache-store';
export { SingleFlight } from './single-flight';
export {
  replayStoredStream,
  StreamRecorder,
  type StoredStream,
  type StoredToolCall,
} from './stored-stream';
export {
  createResponseCache,
  DEFAULT_CACHE_TTL_MS,
  type CachePlan,
  type CallCacheOption,
  type ResponseCache,
  type ResponseCacheOptions,
  type ResponseCacheSettings,
} from './response-cache';
