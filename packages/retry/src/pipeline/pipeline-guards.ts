import type { CircuitBreakerConfig, Clock, RateLimitConfig } from '@llm/core';
import type { CircuitBreaker } from '../circuit-breaker/circuit-breaker';
import type { CircuitBreakerRegistry } from '../circuit-breaker/circuit-breaker-registry';
import type { CircuitState } from '../circuit-breaker/circuit-state';
import type { TypedEventEmitter } from '../events/typed-event-emitter';
import type { RatePermit } from '../rate-limit/acquire-permit';
import { createLimitScope, type LimitScope } from '../rate-limit/limit-scope';
import { RateLimiter } from '../rate-limit/rate-limiter';
import { createAttemptPass, type AttemptPass } from './attempt-pass';
import type { PipelineEvents } from './pipeline-events';

export interface PipelineGuardsOptions {
  readonly providerName: string;
  readonly circuitBreaker?: CircuitBreakerConfig;
  readonly rateLimit?: RateLimitConfig;
  readonly modelRateLimits?: Readonly<Record<string, RateLimitConfig>>;
  readonly breakers: CircuitBreakerRegistry;
  readonly clock: Clock;
  readonly events: TypedEventEmitter<PipelineEvents>;
}

/** The breaker and the limiter that guard each attempt of one provider, per model when configured. */
export class PipelineGuards {
  readonly #options: PipelineGuardsOptions;
  readonly #providerScope: LimitScope;
  readonly #breakers = new Map<string, CircuitBreaker>();
  readonly #limiters = new Map<string, RateLimiter>();

  constructor(options: PipelineGuardsOptions) {
    this.#options = options;
    this.#providerScope = createLimitScope({
      config: options.rateLimit,
      scope: 'provider',
      provider: options.providerName,
      clock: options.clock,
    });
    this.breaker(undefined);
  }

  /** Asks the breaker, then waits for a rate permit; throws their typed refusals. */
  async enter(
    model: string | undefined,
    signal: AbortSignal,
    tokens: number | undefined,
  ): Promise<AttemptPass> {
    const breaker = this.breaker(model);
    const limiter = this.limiter(model);
    const ticket = this.#watch(breaker, () => breaker.acquire());
    let permit: RatePermit;
    try {
      permit = await limiter.acquire({ signal, tokens });
    } catch (error) {
      ticket.release();
      throw error;
    }
    return createAttemptPass({
      ticket,
      permit,
      recordError: (error) => limiter.recordError(error),
      watch: (action) => this.#watch(breaker, action),
    });
  }

  breakerState(model?: string): CircuitState {
    const breaker = this.breaker(model);
    return this.#watch(breaker, () => breaker.state());
  }

  /** This provider's breakers in the registry: its own and, with `per_model`, one per model used. */
  breakerStates(): CircuitState[] {
    return this.#options.breakers
      .breakers(this.#options.providerName)
      .map((breaker) => this.#watch(breaker, () => breaker.state()));
  }

  breaker(model: string | undefined): CircuitBreaker {
    const key = model ?? '';
    let breaker = this.#breakers.get(key);
    if (!breaker) {
      const { providerName, circuitBreaker, clock } = this.#options;
      breaker = this.#options.breakers.breakerFor({
        provider: providerName,
        model,
        config: circuitBreaker ?? {},
        clock,
      });
      this.#breakers.set(key, breaker);
    }
    return breaker;
  }

  limiter(model: string | undefined): RateLimiter {
    const key = model ?? '';
    let limiter = this.#limiters.get(key);
    if (!limiter) {
      const { providerName, modelRateLimits, clock, events } = this.#options;
      const modelConfig = model === undefined ? undefined : modelRateLimits?.[model];
      const scopes = [this.#providerScope];
      if (modelConfig)
        scopes.push(
          createLimitScope({
            config: modelConfig,
            scope: 'model',
            provider: providerName,
            model,
            clock,
          }),
        );
      limiter = new RateLimiter({ scopes, clock });
      limiter.on('rate-limited', (event) =>
        events.emit('rate-limited', { ...event, model: event.model ?? model }),
      );
      limiter.on('rate-adjusted', (event) => events.emit('rate-adjusted', event));
      this.#limiters.set(key, limiter);
    }
    return limiter;
  }

  /** Reports the state changes a breaker makes during `action` (listening only meanwhile, so nothing leaks). */
  #watch<T>(breaker: CircuitBreaker, action: () => T): T {
    const stop = breaker.on('state-change', (change) =>
      this.#options.events.emit('breaker-state', change),
    );
    try {
      return action();
    } finally {
      stop();
    }
  }
}
