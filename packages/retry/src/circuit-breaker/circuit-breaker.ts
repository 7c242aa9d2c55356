import {
  CircuitBreakerConfigSchema,
  isAbortedLLMError,
  LLMError,
  LLMErrorType,
  systemClock,
  toLLMError,
  type CircuitBreakerConfig,
  type Clock,
  TypedEventEmitter,
} from '@llm/core';
import { neverAbortedSignal } from '../abort-signals';
import type { ExecutionContext, Policy } from '../resilience-pipeline';
import { CIRCUIT_BREAKER_DEFAULTS } from '../resilience-defaults';
import {
  anyOfStrategies,
  ConsecutiveFailuresStrategy,
  FailureRateStrategy,
  type BreakerOpenStrategy,
} from './breaker-open-strategy';

export type CircuitStateName = 'closed' | 'open' | 'half_open';

/** Why a breaker changed state. */
export type CircuitTransitionReason =
  | 'consecutive_failures'
  | 'failure_rate'
  | 'cooldown_elapsed'
  | 'probe_succeeded'
  | 'probe_failed'
  | 'reset'
  | 'restored';

/** A breaker's state as plain data: read it for metrics and `llm health`, store it, restore it. */
export interface CircuitState {
  /** `provider`, or `provider/model` for a per-model breaker. */
  readonly key: string;
  readonly provider: string;
  readonly model?: string;
  readonly state: CircuitStateName;
  readonly enabled: boolean;
  readonly consecutiveFailures: number;
  /** Calls and counted failures in the rolling window (closed state only). */
  readonly windowCalls: number;
  readonly windowFailures: number;
  /** Times opened since last closed; grows the cooldown when `cooldown_multiplier` > 1. */
  readonly consecutiveOpens: number;
  readonly openedAt?: number;
  /** Epoch ms when an open breaker lets a probe through. */
  readonly retryAt?: number;
  readonly openReason?: CircuitTransitionReason;
  readonly halfOpenSuccesses: number;
  readonly halfOpenInFlight: number;
  readonly lastFailureType?: LLMErrorType;
  readonly lastFailureAt?: number;
}

/** The `state-change` event. */
export interface CircuitStateChange {
  readonly key: string;
  readonly provider: string;
  readonly model?: string;
  readonly from: CircuitStateName;
  readonly to: CircuitStateName;
  readonly reason: CircuitTransitionReason;
  readonly at: number;
  readonly retryAt?: number;
}

export function circuitKey(provider: string, model?: string): string {
  return model === undefined ? provider : `${provider}/${model}`;
}

export interface ResolvedCircuitBreakerOptions {
  readonly enabled: boolean;
  readonly failureThreshold: number;
  readonly failureRateThreshold: number;
  readonly minimumCalls: number;
  readonly windowMs: number;
  readonly cooldownMs: number;
  readonly halfOpenMaxCalls: number;
  readonly cooldownMultiplier: number;
  readonly maxCooldownMs: number;
  readonly perModel: boolean;
  readonly countedErrors: ReadonlySet<LLMErrorType>;
}

export function resolveCircuitBreakerOptions(
  input: CircuitBreakerConfig = {},
): ResolvedCircuitBreakerOptions {
  const config = CircuitBreakerConfigSchema.parse(input);
  const defaults = CIRCUIT_BREAKER_DEFAULTS;
  return {
    enabled: config.enabled ?? defaults.enabled,
    failureThreshold: config.failure_threshold ?? defaults.failure_threshold,
    failureRateThreshold: config.failure_rate_threshold ?? defaults.failure_rate_threshold,
    minimumCalls: config.minimum_calls ?? defaults.minimum_calls,
    windowMs: config.window ?? defaults.window,
    cooldownMs: config.cooldown ?? defaults.cooldown,
    halfOpenMaxCalls: config.half_open_max_calls ?? defaults.half_open_max_calls,
    cooldownMultiplier: config.cooldown_multiplier ?? defaults.cooldown_multiplier,
    maxCooldownMs: Math.max(
      config.max_cooldown ?? defaults.max_cooldown,
      config.cooldown ?? defaults.cooldown,
    ),
    perModel: config.per_model ?? defaults.per_model,
    countedErrors: new Set(config.counted_errors ?? defaults.counted_errors),
  };
}

/** What an error means to a breaker. */
export type BreakerOutcome = 'failure' | 'success' | 'ignored';

/** Errors raised locally before or around a call; they say nothing about the provider. */
const LOCAL_REASONS = new Set(['circuit_open', 'local_rate_limit', 'total_timeout']);

/**
 * A counted type is a failure. Caller aborts and local refusals are ignored. Any other error
 * (auth, invalid_request, …) means the provider answered, so it counts as a success.
 */
export function classifyBreakerOutcome(
  thrown: unknown,
  countedErrors: ReadonlySet<string>,
): BreakerOutcome {
  const error = toLLMError(thrown);
  if (isAbortedLLMError(error)) return 'ignored';
  const reason = error.details?.['reason'];
  if (typeof reason === 'string' && LOCAL_REASONS.has(reason)) return 'ignored';
  return countedErrors.has(error.type) ? 'failure' : 'success';
}

interface CircuitOpenErrorInput {
  readonly provider: string;
  readonly model?: string;
  readonly state: CircuitStateName;
  readonly now: number;
  readonly retryAt: number;
  /** e.g. "after 5 consecutive failures (last: server_error)". */
  readonly because: string;
}

/**
 * The error of a call refused by an open breaker: a server_error (the provider counts as down)
 * that is not retryable, so a retry policy does not spin on it.
 */
function circuitOpenError({
  provider,
  model,
  state,
  now,
  retryAt,
  because,
}: CircuitOpenErrorInput): LLMError {
  const target =
    model === undefined ? `provider "${provider}"` : `provider "${provider}" model "${model}"`;
  const waitMs = Math.max(0, retryAt - now);
  const message =
    state === 'half_open'
      ? `Circuit breaker for ${target} is half-open and its probe calls are in flight; this call fails fast until a probe succeeds.`
      : `Circuit breaker for ${target} is open ${because}; calls fail fast until ${new Date(retryAt).toISOString()} (in ${Math.ceil(waitMs / 1000)} s).`;
  return new LLMError({
    type: LLMErrorType.SERVER_ERROR,
    message,
    providerName: provider,
    model,
    retryable: false,
    retryAfterMs: waitMs,
    details: {
      reason: 'circuit_open',
      key: circuitKey(provider, model),
      provider,
      model,
      state,
      retryAt,
    },
  });
}

/** One call `hold` admitted: its outcome, told once (later ones are ignored), as `execute` tells it. */
export interface BreakerHold {
  succeed(): void;
  /** The call failed with `error` (counting for nothing once the call's signal aborted). */
  fail(error: unknown): void;
}

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
  /**
   * When the breaker opens. Default: the config's `failure_threshold` consecutive failures or
   * its `failure_rate_threshold` over `window` (a reloaded config then updates both).
   */
  readonly openStrategy?: BreakerOpenStrategy;
}

export interface CircuitBreakerEvents {
  'state-change': CircuitStateChange;
}

/** Told of a state change, with the `origin` of the call whose step caused it (if it passed one). */
type StateChangeListener = (change: CircuitStateChange, origin?: unknown) => void;

/**
 * closed → open → half-open → closed. Its open strategy decides when a closed breaker opens.
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
  /** The listeners of the `observe` calls in progress, innermost last. */
  readonly #observers: StateChangeListener[] = [];
  /** The `origin` of each observer's call, at the same index. */
  readonly #observerOrigins: unknown[] = [];
  readonly #strategy: BreakerOpenStrategy;
  /** The config's own strategies, reconfigured on reload; absent with a custom strategy. */
  readonly #configured?: {
    readonly consecutive: ConsecutiveFailuresStrategy;
    readonly rate: FailureRateStrategy;
  };
  #state: CircuitStateName = 'closed';
  #generation = 0;
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
    if (options.openStrategy) {
      this.#strategy = options.openStrategy;
    } else {
      const consecutive = new ConsecutiveFailuresStrategy(consecutiveOptions(this.#options));
      const rate = new FailureRateStrategy(failureRateOptions(this.#options));
      this.#configured = { consecutive, rate };
      this.#strategy = anyOfStrategies(consecutive, rate);
    }
  }

  get options(): ResolvedCircuitBreakerOptions {
    return this.#options;
  }

  /** Applies a reloaded config; the current state and counts are kept. */
  updateConfig(config: CircuitBreakerConfig = {}): void {
    this.#options = resolveCircuitBreakerOptions(config);
    this.#configured?.consecutive.configure(consecutiveOptions(this.#options));
    this.#configured?.rate.configure(failureRateOptions(this.#options));
  }

  on<Name extends keyof CircuitBreakerEvents>(
    event: Name,
    listener: (payload: CircuitBreakerEvents[Name]) => void,
  ): () => void {
    return this.#events.on(event, listener);
  }

  /** Asks to make a call; throws the typed circuit-open error when the breaker refuses. */
  acquire(): BreakerTicket {
    return this.#ticket(this.#admit());
  }

  /**
   * Admits one call or throws the circuit-open error. The permission as one number, so that the
   * policy path allocates no ticket: the generation it belongs to times two, plus 1 for a
   * half-open probe (-2 when the breaker is disabled: generation -1, never current). Plain
   * arithmetic, not bit operations, so that it stays exact past 2^30 generations.
   */
  #admit(): number {
    const now = this.#clock.now();
    this.#advance(now);
    if (!this.#options.enabled) return -2;
    if (this.#state === 'closed') return this.#generation * 2;
    if (
      this.#state === 'half_open' &&
      this.#halfOpenInFlight + this.#halfOpenSuccesses < this.#options.halfOpenMaxCalls
    ) {
      this.#halfOpenInFlight += 1;
      return this.#generation * 2 + 1;
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

  /** Runs `fn` when the breaker allows it and records its outcome; an aborted call records none. */
  execute<T>(fn: (context: ExecutionContext) => Promise<T>, signal?: AbortSignal): Promise<T> {
    return this.#execute(fn, signal, undefined);
  }

  /**
   * This breaker as a policy that also tells `listener` the state changes its own calls cause
   * (listening only during each step, so a breaker shared by rebuilt pipelines leaks nothing).
   */
  reportingTo(listener: StateChangeListener): Policy<ExecutionContext> {
    return { execute: (fn, signal, origin) => this.#execute(fn, signal, listener, origin) };
  }

  /**
   * Admits one call now, as `execute` does (throws the circuit-open error when refused), for work
   * whose outcome comes later than one promise of its own would tell it (a stream, held until it
   * ends): `succeed` or `fail` it once, as `execute` records `fn` settling with `signal` (a failure
   * once it aborted counts for nothing). `listener` hears, with `origin`, the state changes that
   * the admission and the outcome cause.
   */
  hold(
    listener: StateChangeListener | undefined,
    origin?: unknown,
    signal?: AbortSignal,
  ): BreakerHold {
    const admitted = this.#admitHeard(listener, origin);
    let settled = false;
    const settle = (outcome: BreakerOutcome | undefined, error?: unknown) => {
      if (settled) return;
      settled = true;
      this.#settleHeard(listener, origin, admitted, outcome, error);
    };
    return {
      succeed: () => settle('success'),
      fail: (error) => settle(signal?.aborted ? 'ignored' : undefined, error),
    };
  }

  /**
   * Runs `action`, telling `listener` the state changes it causes. The listener is held only while
   * the action runs (no subscription is made and undone on every call). `origin`, when given, is
   * passed to the listener with each change (the call the action belongs to).
   */
  observe<T>(listener: StateChangeListener | undefined, action: () => T, origin?: unknown): T {
    if (!listener) return action();
    this.#observers.push(listener);
    this.#observerOrigins.push(origin);
    try {
      return action();
    } finally {
      this.#observers.pop();
      this.#observerOrigins.pop();
    }
  }

  async #execute<T>(
    fn: (context: ExecutionContext) => Promise<T>,
    signal: AbortSignal | undefined,
    listener: StateChangeListener | undefined,
    origin?: unknown,
  ): Promise<T> {
    const admitted = this.#admitHeard(listener, origin);
    let result: T;
    try {
      result = await fn(signal ? { signal } : { signal: neverAbortedSignal() });
    } catch (error) {
      this.#settleHeard(listener, origin, admitted, signal?.aborted ? 'ignored' : undefined, error);
      throw error;
    }
    this.#settleHeard(listener, origin, admitted, 'success');
    return result;
  }

  // `observe` without its closures (these run on every call): `listener` hears, with `origin`,
  // the state changes that admitting a call and recording its outcome cause.

  #admitHeard(listener: StateChangeListener | undefined, origin: unknown): number {
    if (listener) this.#listen(listener, origin);
    try {
      return this.#admit();
    } finally {
      if (listener) this.#unlisten();
    }
  }

  #settleHeard(
    listener: StateChangeListener | undefined,
    origin: unknown,
    admitted: number,
    outcome: BreakerOutcome | undefined,
    error?: unknown,
  ): void {
    if (listener) this.#listen(listener, origin);
    try {
      this.#settle(admitted, outcome, error);
    } finally {
      if (listener) this.#unlisten();
    }
  }

  #listen(listener: StateChangeListener, origin: unknown): void {
    this.#observers.push(listener);
    this.#observerOrigins.push(origin);
  }

  #unlisten(): void {
    this.#observers.pop();
    this.#observerOrigins.pop();
  }

  /** The state's name alone (`closed`, `open`, `half_open`): what routing reads on every call. */
  stateName(): CircuitStateName {
    this.#advance(this.#clock.now());
    return this.#state;
  }

  state(): CircuitState {
    const now = this.#clock.now();
    this.#advance(now);
    const counts = this.#strategy.counts(now);
    return {
      key: this.key,
      provider: this.provider,
      model: this.model,
      state: this.#state,
      enabled: this.#options.enabled,
      consecutiveFailures: counts.consecutiveFailures ?? 0,
      windowCalls: counts.windowCalls ?? 0,
      windowFailures: counts.windowFailures ?? 0,
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
    this.#strategy.restore({ consecutiveFailures: snapshot.consecutiveFailures });
    this.#consecutiveOpens = snapshot.consecutiveOpens;
    this.#openedAt = snapshot.openedAt;
    this.#retryAt = snapshot.retryAt;
    this.#openReason = snapshot.openReason;
    this.#because = '(restored from a saved state)';
    this.#halfOpenSuccesses = snapshot.state === 'half_open' ? snapshot.halfOpenSuccesses : 0;
    this.#halfOpenInFlight = 0;
    this.#lastFailureType = snapshot.lastFailureType;
    this.#lastFailureAt = snapshot.lastFailureAt;
    if (from !== snapshot.state) this.#emit(from, 'restored', this.#clock.now());
  }

  /** Closes the breaker and forgets its counts (an operator's override). */
  reset(): void {
    this.#close('reset', this.#clock.now());
  }

  #ticket(admitted: number): BreakerTicket {
    let settled = false;
    const settle = (outcome: BreakerOutcome | undefined, error?: unknown) => {
      if (settled) return;
      settled = true;
      this.#settle(admitted, outcome, error);
    };
    return {
      recordSuccess: () => settle('success'),
      recordError: (error) => settle(undefined, error),
      release: () => settle('ignored'),
    };
  }

  /**
   * The outcome of one admitted call (`#admit`'s number); an error without an outcome is
   * classified. A call admitted before the breaker last changed generation counts for nothing.
   */
  #settle(admitted: number, outcome: BreakerOutcome | undefined, error?: unknown): void {
    const probe = admitted % 2 !== 0;
    if ((admitted - (probe ? 1 : 0)) / 2 !== this.#generation) return;
    if (probe) this.#halfOpenInFlight -= 1;
    const settled = outcome ?? classifyBreakerOutcome(error, this.#options.countedErrors);
    if (settled === 'success') this.#onSuccess(probe);
    if (settled === 'failure') this.#onFailure(error);
  }

  #onSuccess(probe: boolean): void {
    const now = this.#clock.now();
    if (probe) {
      this.#halfOpenSuccesses += 1;
      if (this.#halfOpenSuccesses >= this.#options.halfOpenMaxCalls)
        this.#close('probe_succeeded', now);
      return;
    }
    this.#strategy.recordSuccess(now);
  }

  #onFailure(error: unknown): void {
    const now = this.#clock.now();
    this.#lastFailureType = toLLMError(error).type;
    this.#lastFailureAt = now;
    if (this.#state === 'half_open')
      return this.#open('probe_failed', now, 'after a failed probe call');
    const verdict = this.#strategy.recordFailure(now);
    if (verdict)
      this.#open(verdict.reason, now, `${verdict.because} (last: ${this.#lastFailureType})`);
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
    this.#strategy.onStateChange(to);
    if (from !== to) this.#emit(from, reason, now);
  }

  #emit(from: CircuitStateName, reason: CircuitTransitionReason, now: number): void {
    const retryAt = this.#state === 'open' ? this.#retryAt : undefined;
    const change: CircuitStateChange = {
      key: this.key,
      provider: this.provider,
      model: this.model,
      from,
      to: this.#state,
      reason,
      at: now,
      retryAt,
    };
    this.#events.emit('state-change', change);
    const observers = [...this.#observers];
    const origins = [...this.#observerOrigins];
    for (let index = 0; index < observers.length; index++) {
      const observer = observers[index]!;
      // Told once, even when it also subscribed; and, like a subscriber, never able to break the call.
      if (this.#events.has('state-change', observer)) continue;
      try {
        observer(change, origins[index]);
      } catch {
        // Observers must not break the call they observe.
      }
    }
  }
}

function consecutiveOptions(options: ResolvedCircuitBreakerOptions) {
  return { threshold: options.failureThreshold };
}

function failureRateOptions(options: ResolvedCircuitBreakerOptions) {
  return {
    thresholdPercent: options.failureRateThreshold,
    minimumCalls: options.minimumCalls,
    windowMs: options.windowMs,
  };
}
