import type { RateLimitName, Reservation, TimedLimit } from './limit-scope';

export interface TokenBucketOptions {
  readonly name: RateLimitName;
  readonly description: string;
  /** Milliseconds per permit (or per token): 1000 / rate per second, given exactly to avoid float drift. */
  readonly intervalMs: number;
  /** Most permits available at once (the burst). */
  readonly capacity: number;
  /** Charge the call's token count instead of 1 (tokens-per-minute limits). */
  readonly perToken?: boolean;
}

/**
 * A token bucket kept as one "theoretical arrival time" (GCRA): exact, O(1), and able to book a
 * permit for a future instant. In any interval of length T at most capacity + rate·T permits pass.
 */
export class TokenBucket implements TimedLimit {
  readonly name: RateLimitName;
  readonly description: string;
  readonly #capacity: number;
  readonly #perToken: boolean;
  #intervalMs: number;
  #theoreticalArrival = Number.NEGATIVE_INFINITY;

  constructor(options: TokenBucketOptions) {
    this.name = options.name;
    this.description = options.description;
    this.#capacity = Math.max(1, options.capacity);
    this.#perToken = options.perToken ?? false;
    this.#intervalMs = options.intervalMs;
  }

  get ratePerSecond(): number {
    return 1000 / this.#intervalMs;
  }

  earliest(at: number, tokens: number): number {
    const cost = this.#cost(tokens);
    if (cost > this.#capacity) return Number.POSITIVE_INFINITY;
    return Math.max(at, this.#theoreticalArrival + (cost - this.#capacity) * this.#intervalMs);
  }

  take(at: number, tokens: number, _now?: number): Reservation {
    let reserved = this.#cost(tokens);
    this.#theoreticalArrival = Math.max(this.#theoreticalArrival, at) + reserved * this.#intervalMs;
    return {
      cancel: () => {
        this.#theoreticalArrival -= reserved * this.#intervalMs;
        reserved = 0;
      },
      settle: (actualTokens) => {
        if (!this.#perToken) return;
        this.#theoreticalArrival += (actualTokens - reserved) * this.#intervalMs;
        reserved = actualTokens;
      },
    };
  }

  /** Changes the refill rate from `now` on; permits already owed keep their count. */
  setRate(ratePerSecond: number, now: number): void {
    const owed = Math.max(0, this.#theoreticalArrival - now) / this.#intervalMs;
    this.#intervalMs = 1000 / ratePerSecond;
    if (owed > 0) this.#theoreticalArrival = now + owed * this.#intervalMs;
  }

  #cost(tokens: number): number {
    return this.#perToken ? Math.max(0, tokens) : 1;
  }
}
