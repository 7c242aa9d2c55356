import {
  systemClock,
  toLLMError,
  type CircuitBreakerConfig,
  type Clock,
  type LLMErrorType,
} from '@llm/core';
import { TypedEventEmitter } from '../events/typed-event-emitter';
import type { ExecutionContext, Policy } from '../policy/policy';
import { neverAbortedSignal } from '../signal/linked-abort-controller';
import { circuitOpenError } from './circuit-open-error';
import {
  circuitKey,
  type CircuitState,
  type CircuitStateChange,
  type CircuitStateName,
  type CircuitTransitionReason,
} from './circuit-state';
import { classifyBreakerOutcome } from './classify-breaker-outcome';
import {
  resolveCircuitBreakerOptions,
  type ResolvedCircuitBreakerOptions,
} from './resolve-circuit-breaker-options';
import { RollingOutcomeWindow } from './rolling-outcome-window';

/** Permission for one call; report its outcome once (later reports are ignored). */
export interface BreakerTicket {
  recordSuccess(): void;
  /** Classifies the error: counted types fail, local refusals and aborts are ignored, others succeed. */
  recordError(error: unknown): void;
  /** The call ended without an outcome that says anything about the provider. */
  release(): void;
}

export interface CircuitBreakerOptions {
  readonly provider: string;
  readonly model?: string;
  readonly config?: CircuitBreakerConfig;
  readonly clock?: Clock;
}

export interface CircuitBreakerEvents {
  'state-change': CircuitStateChange;
}

/**
 * closed → open → half-open → closed. Opens on `failure_threshold` consecutive counted failures,
 * or on a failure rate ≥ `failure_rate_threshold`% over `window` once `minimum_calls` were seen.
 * Open for `cooldown` (growing by `cooldown_multiplier` on each reopening, up to `max_cooldown`),
 * then lets `half_open_max_calls` probes through: that many successes close it, a failure reopens it.
 * Time is read from the clock when asked, so an open breaker turns half-open on the next call or read.
 */
export class CircuitBreaker implements Policy<ExecutionContext> {
  readonly key: string;
  readonly provider: string;
  readonly model?: string;
  #options: ResolvedCircuitBreakerOptions;
  readonly #clock: Clock;
  readonly #events = new TypedEventEmitter<CircuitBreakerEvents>();
  readonly #window: RollingOutcomeWindow;
  #state: CircuitStateName = 'closed';
  #generation = 0;
  #consecutiveFailures = 0;
  #consecutiveOpens = 0;
  #openedAt?: number;
  #retryAt?: number;
  #openReason?: CircuitTransitionReason;
  #because = '';
  #halfOpenSuccesses = 0;
  #halfOpenInFlight = 0;
  #lastFailureType?: LLMErrorType;
  #lastFailureAt?: number;

  constructor(options: CircuitBreakerOptions) {
    this.provider = options.provider;
    this.model = options.model;
    this.key = circuitKey(options.provider, options.model);
    this.#options = resolveCircuitBreakerOptions(options.config);
    this.#clock = options.clock ?? systemClock;
    this.#window = new RollingOutcomeWindow(this.#options.windowMs);
  }

  get options(): ResolvedCircuitBreakerOptions {
    return this.#options;
  }

  /** Applies a reloaded config; the current state and counts are kept. */
  updateConfig(config: CircuitBreakerConfig = {}): void {
    this.#options = resolveCircuitBreakerOptions(config);
    this.#window.resize(this.#options.windowMs);
  }

  on<Name extends keyof CircuitBreakerEvents>(
    event: Name,
    listener: (payload: CircuitBreakerEvents[Name]) => void,
  ): () => void {
    return this.#events.on(event, listener);
  }

  /** Asks to make a call; throws the typed circuit-open error when the breaker refuses. */
  acquire(): BreakerTicket {
    const now = this.#clock.now();
    this.#advance(now);
    if (!this.#options.enabled) return this.#ticket(false, -1);
    if (this.#state === 'closed') return this.#ticket(false, this.#generation);
    if (
      this.#state === 'half_open' &&
      this.#halfOpenInFlight + this.#halfOpenSuccesses < this.#options.halfOpenMaxCalls
    ) {
      this.#halfOpenInFlight += 1;
      return this.#ticket(true, this.#generation);
    }
    const retryAt = this.#state === 'open' ? (this.#retryAt ?? now) : now;
    throw circuitOpenError({
      provider: this.provider,
      model: this.model,
      state: this.#state,
      now,
      retryAt,
      because: this.#because,
    });
  }

  async execute<T>(
    fn: (context: ExecutionContext) => Promise<T>,
    signal?: AbortSignal,
  ): Promise<T> {
    const ticket = this.acquire();
    try {
      const result = await fn({ signal: signal ?? neverAbortedSignal() });
      ticket.recordSuccess();
      return result;
    } catch (error) {
      if (signal?.aborted) ticket.release();
      else ticket.recordError(error);
      throw error;
    }
  }

  state(): CircuitState {
    const now = this.#clock.now();
    this.#advance(now);
    const counts = this.#window.counts(now);
    return {
      key: this.key,
      provider: this.provider,
      model: this.model,
      state: this.#state,
      enabled: this.#options.enabled,
      consecutiveFailures: this.#consecutiveFailures,
      windowCalls: counts.calls,
      windowFailures: counts.failures,
      consecutiveOpens: this.#consecutiveOpens,
      openedAt: this.#openedAt,
      retryAt: this.#retryAt,
      openReason: this.#openReason,
      halfOpenSuccesses: this.#halfOpenSuccesses,
      halfOpenInFlight: this.#halfOpenInFlight,
      lastFailureType: this.#lastFailureType,
      lastFailureAt: this.#lastFailureAt,
    };
  }

  toJSON(): CircuitState {
    return this.state();
  }

  /** Takes over a stored state (e.g. across a restart). The rolling window starts empty. */
  restore(snapshot: CircuitState): void {
    const from = this.#state;
    this.#generation += 1;
    this.#state = snapshot.state;
    this.#consecutiveFailures = snapshot.consecutiveFailures;
    this.#consecutiveOpens = snapshot.consecutiveOpens;
    this.#openedAt = snapshot.openedAt;
    this.#retryAt = snapshot.retryAt;
    this.#openReason = snapshot.openReason;
    this.#because = '(restored from a saved state)';
    this.#halfOpenSuccesses = snapshot.state === 'half_open' ? snapshot.halfOpenSuccesses : 0;
    this.#halfOpenInFlight = 0;
    this.#lastFailureType = snapshot.lastFailureType;
    this.#lastFailureAt = snapshot.lastFailureAt;
    this.#window.clear();
    if (from !== snapshot.state) this.#emit(from, 'restored', this.#clock.now());
  }

  /** Closes the breaker and forgets its counts (an operator's override). */
  reset(): void {
    this.#close('reset', this.#clock.now());
  }

  #ticket(probe: boolean, generation: number): BreakerTicket {
    let settled = false;
    const settle = (outcome: 'success' | 'failure' | 'ignored', error?: unknown) => {
      if (settled) return;
      settled = true;
      if (generation !== this.#generation) return;
      if (probe) this.#halfOpenInFlight -= 1;
      if (outcome === 'success') this.#onSuccess(probe);
      if (outcome === 'failure') this.#onFailure(error);
    };
    return {
      recordSuccess: () => settle('success'),
      recordError: (error) =>
        settle(classifyBreakerOutcome(error, this.#options.countedErrors), error),
      release: () => settle('ignored'),
    };
  }

  #onSuccess(probe: boolean): void {
    const now = this.#clock.now();
    if (probe) {
      this.#halfOpenSuccesses += 1;
      if (this.#halfOpenSuccesses >= this.#options.halfOpenMaxCalls)
        this.#close('probe_succeeded', now);
      return;
    }
    this.#consecutiveFailures = 0;
    this.#window.record(now, false);
  }

  #onFailure(error: unknown): void {
    const now = this.#clock.now();
    this.#lastFailureType = toLLMError(error).type;
    this.#lastFailureAt = now;
    if (this.#state === 'half_open')
      return this.#open('probe_failed', now, 'after a failed probe call');
    this.#consecutiveFailures += 1;
    this.#window.record(now, true);
    const { failureThreshold, minimumCalls, failureRateThreshold, windowMs } = this.#options;
    const last = `(last: ${this.#lastFailureType})`;
    if (this.#consecutiveFailures >= failureThreshold) {
      return this.#open(
        'consecutive_failures',
        now,
        `after ${this.#consecutiveFailures} consecutive failures ${last}`,
      );
    }
    const { calls, failures } = this.#window.counts(now);
    const rate = (failures / calls) * 100;
    if (calls >= minimumCalls && rate >= failureRateThreshold) {
      const because = `after ${failures} of ${calls} calls failed in the last ${Math.round(windowMs / 1000)} s ${last}`;
      this.#open('failure_rate', now, because);
    }
  }

  #advance(now: number): void {
    if (this.#state !== 'open' || this.#retryAt === undefined || now < this.#retryAt) return;
    this.#transition('half_open', 'cooldown_elapsed', now);
  }

  #open(reason: CircuitTransitionReason, now: number, because: string): void {
    const { cooldownMs, cooldownMultiplier, maxCooldownMs } = this.#options;
    this.#consecutiveOpens += 1;
    const cooldown = Math.min(
      maxCooldownMs,
      cooldownMs * cooldownMultiplier ** (this.#consecutiveOpens - 1),
    );
    this.#openedAt = now;
    this.#retryAt = now + cooldown;
    this.#openReason = reason;
    this.#because = because;
    this.#transition('open', reason, now);
  }

  #close(reason: CircuitTransitionReason, now: number): void {
    this.#consecutiveFailures = 0;
    this.#consecutiveOpens = 0;
    this.#openedAt = undefined;
    this.#retryAt = undefined;
    this.#openReason = undefined;
    this.#transition('closed', reason, now);
  }

  #transition(to: CircuitStateName, reason: CircuitTransitionReason, now: number): void {
    const from = this.#state;
    this.#state = to;
    this.#generation += 1;
    this.#halfOpenSuccesses = 0;
    this.#halfOpenInFlight = 0;
    this.#window.clear();
    if (from !== to) this.#emit(from, reason, now);
  }

  #emit(from: CircuitStateName, reason: CircuitTransitionReason, now: number): void {
    const retryAt = this.#state === 'open' ? this.#retryAt : undefined;
    this.#events.emit('state-change', {
      key: this.key,
      provider: this.provider,
      model: this.model,
      from,
      to: this.#state,
      reason,
      at: now,
      retryAt,
    });
  }
}
