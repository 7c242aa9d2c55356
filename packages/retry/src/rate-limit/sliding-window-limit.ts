import type { RateLimitName, Reservation, TimedLimit } from './limit-scope';

export interface SlidingWindowLimitOptions {
  readonly name: RateLimitName;
  readonly description: string;
  readonly limit: number;
  readonly windowMs: number;
}

/**
 * At most `limit` calls in ANY window of `windowMs` (a log of start times, exact, no bursts past
 * the limit). Permits are granted in arrival order.
 */
export class SlidingWindowLimit implements TimedLimit {
  readonly name: RateLimitName;
  readonly description: string;
  readonly #limit: number;
  readonly #windowMs: number;
  #starts: number[] = [];

  constructor(options: SlidingWindowLimitOptions) {
    this.name = options.name;
    this.description = options.description;
    this.#limit = Math.max(1, Math.floor(options.limit));
    this.#windowMs = options.windowMs;
  }

  earliest(at: number): number {
    const count = this.#starts.length;
    const last = this.#starts[count - 1] ?? Number.NEGATIVE_INFINITY;
    const oldestInWindow =
      count >= this.#limit
        ? (this.#starts[count - this.#limit] ?? 0) + this.#windowMs
        : Number.NEGATIVE_INFINITY;
    return Math.max(at, last, oldestInWindow);
  }

  take(at: number, _tokens: number, now: number): Reservation {
    this.#starts.push(at);
    // Every later permit starts after `now`; only future permits are ever cancelled.
    const firstKept = this.#starts.findIndex((start) => start > now - this.#windowMs);
    if (firstKept > 0) this.#starts = this.#starts.slice(firstKept);
    let cancelled = false;
    return {
      cancel: () => {
        if (cancelled) return;
        cancelled = true;
        const index = this.#starts.lastIndexOf(at);
        if (index !== -1) this.#starts.splice(index, 1);
      },
      settle: () => undefined,
    };
  }
}
