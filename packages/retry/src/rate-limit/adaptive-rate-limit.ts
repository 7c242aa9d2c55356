import { ADAPTIVE_RATE_DEFAULTS } from '../resilience-defaults';
import type { Reservation, TimedLimit } from './limit-scope';
import { TokenBucket } from './token-bucket';

export interface AdaptiveRateLimitOptions {
  /** The configured request rate; without one the ceiling is the rate observed before a 429. */
  readonly ceilingPerSecond?: number;
  readonly capacity: number;
}

const unlimited: Reservation = { cancel: () => undefined, settle: () => undefined };

/**
 * Cuts the allowed request rate when the provider answers 429 and recovers it linearly while
 * none comes (AIMD: additive increase, multiplicative decrease). 429s within `cut_interval` of a
 * cut count once: they are the same overload seen by calls already in flight.
 */
export class AdaptiveRateLimit implements TimedLimit {
  readonly name = 'adaptive' as const;
  readonly #configured?: number;
  readonly #capacity: number;
  #ceiling?: number;
  #cutRate?: number;
  #cutAt?: number;
  #bucket?: TokenBucket;
  #starts: number[] = [];
  #syncedAt = Number.NEGATIVE_INFINITY;

  constructor(options: AdaptiveRateLimitOptions) {
    this.#configured = options.ceilingPerSecond;
    this.#ceiling = options.ceilingPerSecond;
    this.#capacity = options.capacity;
  }

  get description(): string {
    const rate = this.#bucket?.ratePerSecond;
    return rate === undefined
      ? 'adaptive rate, not limiting'
      : `adaptive rate, now ${round(rate)} requests per second after 429s`;
  }

  /** The rate allowed at `now`; undefined while nothing limits. */
  ratePerSecond(now: number): number | undefined {
    if (this.#cutAt === undefined || this.#cutRate === undefined || this.#ceiling === undefined)
      return this.#configured;
    const elapsedSeconds = (now - this.#cutAt) / 1000;
    const recovered =
      this.#cutRate + this.#ceiling * ADAPTIVE_RATE_DEFAULTS.recovery_per_second * elapsedSeconds;
    if (recovered < this.#ceiling) return recovered;
    this.#cutAt = undefined;
    this.#cutRate = undefined;
    this.#ceiling = this.#configured;
    return this.#configured;
  }

  /** A provider 429: cut the rate. Returns the new rate, or undefined when this 429 was not a new overload. */
  recordRateLimited(now: number): number | undefined {
    if (this.#cutAt !== undefined && now - this.#cutAt < ADAPTIVE_RATE_DEFAULTS.cut_interval)
      return undefined;
    const current = this.ratePerSecond(now) ?? this.#observedRate(now);
    this.#ceiling = this.#ceiling ?? current;
    const { decrease_factor, minimum_fraction } = ADAPTIVE_RATE_DEFAULTS;
    this.#cutRate = Math.max(this.#ceiling * minimum_fraction, current * decrease_factor);
    this.#cutAt = now;
    this.#syncedAt = Number.NEGATIVE_INFINITY;
    this.#sync(now);
    return this.#cutRate;
  }

  earliest(at: number, tokens: number): number {
    this.#sync(at);
    return this.#bucket ? this.#bucket.earliest(at, tokens) : at;
  }

  take(at: number, tokens: number, now: number): Reservation {
    if (this.#configured === undefined) this.#observe(at);
    this.#sync(at);
    return this.#bucket ? this.#bucket.take(at, tokens, now) : unlimited;
  }

  #observe(start: number): void {
    this.#starts.push(start);
    this.#starts = this.#starts.filter(
      (time) => time > start - ADAPTIVE_RATE_DEFAULTS.observation_window,
    );
  }

  #observedRate(now: number): number {
    const windowMs = ADAPTIVE_RATE_DEFAULTS.observation_window;
    const recent = this.#starts.filter((start) => start > now - windowMs).length;
    return Math.max(1, recent) / (windowMs / 1000);
  }

  /** Moves the bucket to the rate at `now`; time only moves forward here, or owed permits would be re-stretched back and forth. */
  #sync(now: number): void {
    if (now < this.#syncedAt) return;
    this.#syncedAt = now;
    const rate = this.ratePerSecond(now);
    if (rate === undefined) this.#bucket = undefined;
    else if (!this.#bucket)
      this.#bucket = new TokenBucket({
        name: 'adaptive',
        description: '',
        intervalMs: 1000 / rate,
        capacity: this.#capacity,
      });
    else this.#bucket.setRate(rate, now);
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
