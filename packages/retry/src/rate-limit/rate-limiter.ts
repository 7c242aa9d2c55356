import {
  isAbortedLLMError,
  LLMError,
  LLMErrorType,
  systemClock,
  type Clock,
  type RateLimitConfig,
} from '@llm/core';
import { neverAbortedSignal } from '../abort-signals';
import { TypedEventEmitter } from '@llm/core';
import type { ExecutionContext, Policy } from '../resilience-pipeline';
import { acquirePermit, type RateLimitedEvent, type RatePermit } from './acquire-permit';
import { createLimitScope, type LimitScope } from './limit-scope';

/** The adaptive limiter changed the allowed rate. */
export interface RateAdjustedEvent {
  readonly provider: string;
  readonly model?: string;
  readonly scope: 'provider' | 'model';
  readonly ratePerSecond: number;
}

export interface RateLimiterEvents {
  'rate-limited': RateLimitedEvent;
  'rate-adjusted': RateAdjustedEvent;
}

export interface RateLimiterOptions {
  /** Outermost first: a provider scope, then a model scope. Scopes may be shared by several limiters. */
  readonly scopes: readonly LimitScope[];
  readonly clock?: Clock;
}

/** Per-call options of `RateLimiter.execute`. */
export interface RateLimitedCallOptions<T> {
  readonly signal?: AbortSignal;
  readonly estimatedTokens?: number;
  readonly actualTokens?: (result: T) => number | undefined;
  /** The caller's value naming the call: its `rate-limited` events carry it. */
  readonly origin?: unknown;
}

/** True for a 429 from the provider (not a refusal by one of our own limits). */
export function isProviderRateLimit(error: unknown): boolean {
  return (
    LLMError.is(error) &&
    error.type === LLMErrorType.RATE_LIMIT_ERROR &&
    error.details?.['reason'] !== 'local_rate_limit'
  );
}

/**
 * Token bucket or sliding window per second/minute, tokens per minute, a concurrency limit with a
 * bounded queue, and an adaptive rate, for one provider or provider+model.
 */
export class RateLimiter implements Policy<ExecutionContext> {
  readonly #scopes: readonly LimitScope[];
  readonly #clock: Clock;
  readonly #events = new TypedEventEmitter<RateLimiterEvents>();

  constructor(options: RateLimiterOptions) {
    this.#scopes = options.scopes;
    this.#clock = options.clock ?? systemClock;
  }

  on<Name extends keyof RateLimiterEvents>(
    event: Name,
    listener: (payload: RateLimiterEvents[Name]) => void,
  ): () => void {
    return this.#events.on(event, listener);
  }

  /** A permit under every limit; `origin` (the caller's name for the call) goes on its events. */
  acquire(
    request: { signal?: AbortSignal; tokens?: number; origin?: unknown } = {},
  ): Promise<RatePermit> {
    const { origin } = request;
    return acquirePermit(this.#scopes, {
      signal: request.signal,
      tokens: request.tokens,
      clock: this.#clock,
      onLimited: (event) =>
        this.#events.emit('rate-limited', origin === undefined ? event : { ...event, origin }),
    });
  }

  /** Tells the adaptive limits how a call ended; a provider 429 cuts their rate. */
  recordError(error: unknown): void {
    if (!isProviderRateLimit(error)) return;
    const now = this.#clock.now();
    for (const scope of this.#scopes) {
      const ratePerSecond = scope.adaptive?.recordRateLimited(now);
      if (ratePerSecond === undefined) continue;
      this.#events.emit('rate-adjusted', {
        provider: scope.provider,
        model: scope.model,
        scope: scope.scope,
        ratePerSecond,
      });
    }
  }

  /** Whether any limit is configured; a limiter without one lets every call through at once. */
  get hasLimits(): boolean {
    return this.#scopes.some((scope) => scope.timed.length > 0 || scope.concurrency !== undefined);
  }

  execute<T>(
    fn: (context: ExecutionContext) => Promise<T>,
    signal?: AbortSignal,
    origin?: unknown,
  ): Promise<T> {
    return this.executeCall(fn, { signal, origin });
  }

  /** This limiter as a policy for one call: `estimatedTokens` reserved, `actualTokens` reconciled. */
  forCall<T>(options: Omit<RateLimitedCallOptions<T>, 'signal'>): Policy<ExecutionContext> {
    return {
      execute: <R>(
        fn: (context: ExecutionContext) => Promise<R>,
        signal?: AbortSignal,
        origin?: unknown,
      ) =>
        this.executeCall(fn, {
          signal,
          origin,
          estimatedTokens: options.estimatedTokens,
          // The policy runs the caller's function, so its result is the caller's `T`.
          actualTokens: options.actualTokens as ((result: R) => number | undefined) | undefined,
        }),
    };
  }

  /** `execute` with a token estimate reserved first and reconciled with `actualTokens(result)` after. */
  async executeCall<T>(
    fn: (context: ExecutionContext) => Promise<T>,
    options: RateLimitedCallOptions<T>,
  ): Promise<T> {
    const signal = options.signal ?? neverAbortedSignal();
    const permit = await this.acquire({
      signal,
      tokens: options.estimatedTokens,
      origin: options.origin,
    });
    try {
      const result = await fn({ signal });
      permit.reconcile(countTokens(options.actualTokens, result));
      return result;
    } catch (error) {
      if (!signal.aborted && !isAbortedLLMError(error)) this.recordError(error);
      permit.reconcile(LLMError.is(error) ? error.usage?.total_tokens : undefined);
      throw error;
    } finally {
      permit.release();
    }
  }
}

/** A user's token counter must not break a call that succeeded. */
export function countTokens<T>(
  count: ((value: T) => number | undefined) | undefined,
  value: T,
): number | undefined {
  try {
    return count?.(value);
  } catch {
    return undefined;
  }
}

/** A limiter for one `rate_limit` config block. */
export function createRateLimiter(
  config: RateLimitConfig,
  options: { provider?: string; model?: string; clock?: Clock } = {},
): RateLimiter {
  const clock = options.clock ?? systemClock;
  const scope = createLimitScope({
    config,
    scope: options.model ? 'model' : 'provider',
    provider: options.provider ?? 'unknown',
    model: options.model,
    clock,
  });
  return new RateLimiter({ scopes: [scope], clock });
}
