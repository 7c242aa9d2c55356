import { systemClock, type Clock } from '@llm/core';
import { ROUTING_DEFAULTS } from './routing-schemas';

/** A key handed to one attempt. Only `fingerprint` may appear in events, errors or records. */
export interface PooledKey {
  readonly pool: string;
  readonly apiKey: string;
  readonly fingerprint: string;
}

export interface KeyPool {
  /** The next key of `pool` in round-robin order, skipping benched keys; undefined without keys. */
  acquire(pool: string): PooledKey | undefined;
  /** Benches a key for the cooldown (after a 401, 403 or an insufficient_quota 429). */
  bench(key: PooledKey): void;
  /** Keys of `pool` that are not benched now. */
  available(pool: string): number;
  /** The fingerprints of the benched keys of `pool` (never the keys). */
  benched(pool: string): string[];
}

export interface KeyPoolOptions {
  /** Pool id (usually the provider's name) → its `api_keys`, in config order. */
  readonly keys: Readonly<Record<string, readonly string[]>>;
  /** Default 60 s. */
  readonly cooldownMs?: number;
  /** The cooldown of one pool (a provider's `key_cooldown`), instead of `cooldownMs`. */
  readonly cooldowns?: Readonly<Record<string, number>>;
  readonly clock?: Clock;
  /**
   * Until when each benched key rests (epoch ms, by key). Pass the same map to the pool that
   * replaces this one (a config reload) so a benched key stays benched.
   */
  readonly benchedUntil?: Map<string, number>;
}

/**
 * A short, stable name for a key that does not reveal it: an FNV-1a hash of the whole key, so
 * neither its prefix nor its suffix leaks.
 */
export function keyFingerprint(apiKey: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < apiKey.length; i++) {
    hash ^= apiKey.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `key-${hash.toString(16).padStart(8, '0')}`;
}

export function createKeyPool(options: KeyPoolOptions): KeyPool {
  const clock = options.clock ?? systemClock;
  const cooldownMs = options.cooldownMs ?? ROUTING_DEFAULTS.key_cooldown;
  const pools = new Map<string, { keys: PooledKey[]; turn: number }>();
  for (const [pool, keys] of Object.entries(options.keys)) {
    const unique = [...new Set(keys)];
    pools.set(pool, {
      keys: unique.map((apiKey) => ({ pool, apiKey, fingerprint: keyFingerprint(apiKey) })),
      turn: 0,
    });
  }
  const benchedUntil = options.benchedUntil ?? new Map<string, number>();
  const isBenched = (key: PooledKey) => (benchedUntil.get(key.apiKey) ?? 0) > clock.now();

  return {
    acquire(pool) {
      const entry = pools.get(pool);
      if (!entry || entry.keys.length === 0) return undefined;
      const count = entry.keys.length;
      for (let step = 0; step < count; step++) {
        const key = entry.keys[(entry.turn + step) % count]!;
        if (!isBenched(key)) {
          entry.turn = (entry.turn + step + 1) % count;
          return key;
        }
      }
      // Every key is benched: the one that comes back first is the best left.
      return entry.keys.reduce((best, key) =>
        (benchedUntil.get(key.apiKey) ?? 0) < (benchedUntil.get(best.apiKey) ?? 0) ? key : best,
      );
    },
    bench(key) {
      benchedUntil.set(key.apiKey, clock.now() + (options.cooldowns?.[key.pool] ?? cooldownMs));
    },
    available(pool) {
      return pools.get(pool)?.keys.filter((key) => !isBenched(key)).length ?? 0;
    },
    benched(pool) {
      return (pools.get(pool)?.keys ?? []).filter(isBenched).map((key) => key.fingerprint);
    },
  };
}
