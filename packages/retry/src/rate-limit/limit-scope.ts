import { RateLimitConfigSchema, type Clock, type RateLimitConfig } from '@llm/core';
import { RATE_LIMIT_DEFAULTS } from '../defaults/resilience-defaults';
import { AdaptiveRateLimit } from './adaptive-rate-limit';
import { ConcurrencyLimiter } from './concurrency-limiter';
import { SlidingWindowLimit } from './sliding-window-limit';
import type { RateLimitName, TimedLimit } from './timed-limit';
import { TokenBucket } from './token-bucket';

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
