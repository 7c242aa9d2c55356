import { systemClock, type CircuitBreakerConfig, type Clock, TypedEventEmitter } from '@llm/core';
import { CIRCUIT_BREAKER_DEFAULTS } from '../resilience-defaults';
import { CircuitBreaker } from './circuit-breaker';
import { circuitKey, type CircuitState, type CircuitStateChange } from './circuit-breaker';

export interface CircuitBreakerRegistryEvents {
  'state-change': CircuitStateChange;
}

export interface BreakerRequest {
  readonly provider: string;
  /** Used only when the config sets `per_model`. */
  readonly model?: string;
  readonly config?: CircuitBreakerConfig;
  /** The clock of a breaker created now (the registry's own clock wins when it has one). */
  readonly clock?: Clock;
}

/**
 * Every breaker of a process, keyed by provider (or provider/model). Pipelines are rebuilt on a
 * config reload; the registry is not, so an open breaker stays open across the reload.
 */
export class CircuitBreakerRegistry {
  readonly #breakers = new Map<string, CircuitBreaker>();
  readonly #events = new TypedEventEmitter<CircuitBreakerRegistryEvents>();
  readonly #clock?: Clock;

  constructor(options: { clock?: Clock } = {}) {
    this.#clock = options.clock;
  }

  /** The breaker guarding these calls, created on first use; a given config replaces the old one. */
  breakerFor(request: BreakerRequest): CircuitBreaker {
    const perModel = request.config?.per_model ?? CIRCUIT_BREAKER_DEFAULTS.per_model;
    const model = perModel ? request.model : undefined;
    const existing = this.#breakers.get(circuitKey(request.provider, model));
    if (existing) {
      if (request.config) existing.updateConfig(request.config);
      return existing;
    }
    return this.#create(request.provider, model, request.config, request.clock);
  }

  get(provider: string, model?: string): CircuitBreaker | undefined {
    return this.#breakers.get(circuitKey(provider, model));
  }

  /** Every breaker, or those of one provider (its own and its per-model ones). */
  breakers(provider?: string): CircuitBreaker[] {
    const all = [...this.#breakers.values()];
    return provider === undefined ? all : all.filter((breaker) => breaker.provider === provider);
  }

  snapshot(): CircuitState[] {
    return this.breakers().map((breaker) => breaker.state());
  }

  toJSON(): CircuitState[] {
    return this.snapshot();
  }

  /** Restores saved states; breakers that do not exist yet are created with default settings. */
  restore(states: readonly CircuitState[]): void {
    for (const state of states) {
      const breaker =
        this.get(state.provider, state.model) ??
        this.#create(state.provider, state.model, undefined, undefined);
      breaker.restore(state);
    }
  }

  on<Name extends keyof CircuitBreakerRegistryEvents>(
    event: Name,
    listener: (payload: CircuitBreakerRegistryEvents[Name]) => void,
  ): () => void {
    return this.#events.on(event, listener);
  }

  #create(
    provider: string,
    model: string | undefined,
    config: CircuitBreakerConfig | undefined,
    clock: Clock | undefined,
  ): CircuitBreaker {
    const breaker = new CircuitBreaker({
      provider,
      model,
      config,
      clock: this.#clock ?? clock ?? systemClock,
    });
    breaker.on('state-change', (change) => this.#events.emit('state-change', change));
    this.#breakers.set(breaker.key, breaker);
    return breaker;
  }
}
