import { RateLimitConfigSchema, type Clock, type RateLimitConfig } from '@llm/core';
import { RATE_LIMIT_DEFAULTS } from '../resilience-defaults';
import { AdaptiveRateLimit } from './adaptive-rate-limit';
import { ConcurrencyLimiter } from './concurrency-limiter';
import { SlidingWindowLimit } from './sliding-window-limit';
import { TokenBucket } from './token-bucket';

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

/** The limits of one config block: a provider's `rate_limit` or one model's. */
export interface LimitScope {
  readonly scope: 'provider' | 'model';
  readonly provider: string;
  readonly model?: string;
  readonly timed: readonly TimedLimit[];
  readonly concurrency?: ConcurrencyLimiter;
  readonly maxConcurrency?: number;
  readonly adaptive?: AdaptiveRateLimit;
  readonly maxWaitMs: number;
  readonly queueTimeoutMs: number;
}

export interface LimitScopeOptions {
  readonly config?: RateLimitConfig;
  readonly scope: 'provider' | 'model';
  readonly provider: string;
  readonly model?: string;
  readonly clock: Clock;
}

function requestLimit(
  name: RateLimitName,
  rate: number,
  unitMs: number,
  burst: number,
  slidingWindow: boolean,
): TimedLimit {
  const unit = unitMs === 1000 ? 'second' : 'minute';
  if (slidingWindow) {
    // A fractional rate becomes "1 per N ms" so the window still averages to the rate.
    const limit = Math.max(1, Math.floor(rate));
    return new SlidingWindowLimit({
      name,
      description: `${rate} requests per ${unit}, sliding window`,
      limit,
      windowMs: (unitMs * limit) / rate,
    });
  }
  return new TokenBucket({
    name,
    description: `${rate} requests per ${unit}, burst ${burst}`,
    intervalMs: unitMs / rate,
    capacity: burst,
  });
}

export function createLimitScope(options: LimitScopeOptions): LimitScope {
  const config = RateLimitConfigSchema.parse(options.config ?? {});
  const burst = Math.max(1, config.burst ?? RATE_LIMIT_DEFAULTS.burst);
  const sliding = config.sliding_window ?? RATE_LIMIT_DEFAULTS.sliding_window;
  const timed: TimedLimit[] = [];
  if (config.requests_per_second !== undefined)
    timed.push(
      requestLimit('requests_per_second', config.requests_per_second, 1000, burst, sliding),
    );
  if (config.requests_per_minute !== undefined)
    timed.push(
      requestLimit('requests_per_minute', config.requests_per_minute, 60_000, burst, sliding),
    );
  if (config.tokens_per_minute !== undefined) {
    const perMinute = config.tokens_per_minute;
    timed.push(
      new TokenBucket({
        name: 'tokens_per_minute',
        description: `${perMinute} tokens per minute`,
        intervalMs: 60_000 / perMinute,
        capacity: perMinute,
        perToken: true,
      }),
    );
  }
  let adaptive: AdaptiveRateLimit | undefined;
  if (config.adaptive ?? RATE_LIMIT_DEFAULTS.adaptive) {
    const rates = [
      config.requests_per_second,
      config.requests_per_minute === undefined ? undefined : config.requests_per_minute / 60,
    ];
    const configured = rates.filter((rate): rate is number => rate !== undefined);
    adaptive = new AdaptiveRateLimit({
      ceilingPerSecond: configured.length > 0 ? Math.min(...configured) : undefined,
      capacity: burst,
    });
    timed.push(adaptive);
  }
  const maxWaitMs = config.max_wait ?? RATE_LIMIT_DEFAULTS.max_wait;
  const concurrency =
    config.max_concurrency === undefined
      ? undefined
      : new ConcurrencyLimiter({
          maxConcurrency: config.max_concurrency,
          maxQueue: config.max_queue ?? RATE_LIMIT_DEFAULTS.max_queue,
          clock: options.clock,
        });
  return {
    scope: options.scope,
    provider: options.provider,
    model: options.model,
    timed,
    concurrency,
    maxConcurrency: config.max_concurrency,
    adaptive,
    maxWaitMs,
    queueTimeoutMs: config.queue_timeout ?? RATE_LIMIT_DEFAULTS.queue_timeout ?? maxWaitMs,
  };
}
