// The seam between the response cache and where entries live: memory here, Redis or any shared
// store behind the same four async methods (values are plain JSON, so they serialize as they are).

/** One stored answer. */
export interface CacheEntry<Value = unknown> {
  /** A JSON value: the response, the stream's chunks, or the embeddings. */
  readonly value: Value;
  /** Epoch ms when it was stored. */
  readonly storedAt: number;
}

export interface CacheSetOptions {
  /** How long the entry lives, in ms. */
  readonly ttlMs: number;
}

/**
 * Where the response cache keeps entries. Methods are async so a networked store (Redis: `GET`,
 * `SET key value PX ttl`, `DEL`, a key prefix for `clear`) fits without a change to the callers.
 * A store decides eviction itself; `get` of an expired key answers undefined.
 */
export interface CacheStore {
  get(key: string): Promise<CacheEntry | undefined>;
  set(key: string, entry: CacheEntry, options: CacheSetOptions): Promise<void>;
  delete(key: string): Promise<void>;
  clear(): Promise<void>;
  /** Releases connections; the memory store has none. */
  close?(): Promise<void>;
}
