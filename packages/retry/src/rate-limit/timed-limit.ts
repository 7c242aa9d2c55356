/** The names a local limit is reported under (config keys, so users find the setting to change). */
export type RateLimitName =
  | 'requests_per_second'
  | 'requests_per_minute'
  | 'tokens_per_minute'
  | 'adaptive'
  | 'max_concurrency';

/** A permit taken from a timed limit; give it back or correct its size. */
export interface Reservation {
  /** Returns the permit (the call was never sent). */
  cancel(): void;
  /** Replaces the reserved token count by the actual one (token limits only). */
  settle(actualTokens: number): void;
}

/**
 * A limit that answers "when could this call go?" without waiting itself, so several limits can
 * agree on one start time before any permit is taken.
 */
export interface TimedLimit {
  readonly name: RateLimitName;
  /** e.g. "5 requests per second, burst 1". */
  readonly description: string;
  /** The earliest time ≥ `at` a call of `tokens` tokens may start; Infinity when never. */
  earliest(at: number, tokens: number): number;
  /** Books the permit for `at` (≥ now); `now` lets the limit forget history no window can reach. */
  take(at: number, tokens: number, now: number): Reservation;
}
