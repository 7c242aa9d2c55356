import {
  systemClock,
  type CircuitBreakerConfig,
  type Clock,
  type LLMError,
  type RateLimitConfig,
  type RetryConfig,
  type TimeoutConfig,
  TypedEventEmitter,
} from '@llm/core';
import type {
  BreakerHold,
  CircuitBreaker,
  CircuitState,
  CircuitStateChange,
  CircuitStateName,
} from './circuit-breaker/circuit-breaker';
import { CircuitBreakerRegistry } from './circuit-breaker/circuit-breaker-registry';
import { executeStream, type ExecuteStreamOptions } from './pipeline-stream';
import { neverAbortedSignal } from './abort-signals';
import type { RateLimitedEvent } from './rate-limit/acquire-permit';
import { createLimitScope, type LimitScope } from './rate-limit/limit-scope';
import { RateLimiter, type RateAdjustedEvent } from './rate-limit/rate-limiter';
import { RetryPolicy, type RetryStopReason } from './retry-policy';
import {
  resolveTimeouts,
  timeoutError,
  TimeoutPolicy,
  type ResolvedTimeouts,
  type TimeoutKind,
} from './timeout-policy';

/** What a policy hands the function it runs: the signal to pass on to the real call. */
export interface ExecutionContext {
  readonly signal: AbortSignal;
}

/** The context of one attempt: `attempt` counts from 1 and grows with each retry. */
export interface AttemptContext extends ExecutionContext {
  readonly attempt: number;
}

/**
 * A resilience policy (cockatiel's model): a small value that runs a function under one rule
 * (retry, circuit breaker, rate limit, timeout). Policies nest: see `composePolicies`.
 *
 * `origin` is the caller's own value naming the call (opaque to the policy): every event the call
 * causes carries it, so a listener of a policy shared by many calls knows which call an event
 * belongs to. A policy passes it on to the policies it runs.
 */
export interface Policy<Context extends ExecutionContext = ExecutionContext> {
  execute<T>(
    fn: (context: Context) => Promise<T>,
    signal?: AbortSignal,
    origin?: unknown,
  ): Promise<T>;
}

/**
 * Nests policies, outermost first: `composePolicies(retry, breaker, limiter, timeout)` runs
 * `retry(breaker(limiter(timeout(fn))))`. The function receives the innermost signal and the
 * attempt number of the nearest retry policy (1 when there is none).
 */
export function composePolicies(
  ...policies: readonly Policy<ExecutionContext>[]
): Policy<AttemptContext> {
  return {
    execute<T>(
      fn: (context: AttemptContext) => Promise<T>,
      signal?: AbortSignal,
      origin?: unknown,
    ): Promise<T> {
      const run = (index: number, context: AttemptContext): Promise<T> => {
        const policy = policies[index];
        if (!policy) return fn(context);
        return policy.execute(
          (inner: ExecutionContext) => {
            const attempt =
              'attempt' in inner && typeof inner.attempt === 'number'
                ? inner.attempt
                : context.attempt;
            return run(index + 1, { signal: inner.signal, attempt });
          },
          context.signal,
          origin,
        );
      };
      return run(0, { signal: signal ?? neverAbortedSignal(), attempt: 1 });
    },
  };
}

const ONCE = Object.freeze({ once: true });

/**
 * Settles like `promise`, or rejects with the signal's reason as soon as it aborts — so a callee
 * that ignores its signal cannot hold the caller past an abort or a timeout.
 */
export function raceWithSignal<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      promise.catch(() => undefined);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, ONCE);
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/**
 * `fn` settling as soon as its attempt's signal aborts: a callee that ignores its signal still
 * cannot hold the caller past an abort.
 */
function raceAttempt<T>(
  fn: (context: AttemptContext) => Promise<T>,
): (context: AttemptContext) => Promise<T> {
  return (context) => raceCall(fn, context);
}

/**
 * `composePolicies(retry, breaker)` running `fn` raced against its signal, as `execute` runs every
 * call to a model with no per-call policy: the breaker runs each attempt under the retry's signal,
 * so `fn` gets the retry's own context, without the closure and context copies per layer of
 * `composePolicies`.
 */
function retryThenBreaker(
  retry: Policy<AttemptContext>,
  breaker: Policy<ExecutionContext>,
): Policy<AttemptContext> {
  return {
    execute: (fn, signal, origin) =>
      retry.execute(
        (context) => breaker.execute(() => raceCall(fn, context), context.signal, origin),
        signal,
        origin,
      ),
  };
}

/** `fn(context)` settling as soon as the context's signal aborts (see `raceWithSignal`). */
function raceCall<T>(
  fn: (context: AttemptContext) => Promise<T>,
  context: AttemptContext,
): Promise<T> {
  let pending: Promise<T>;
  try {
    pending = fn(context);
  } catch (error) {
    return Promise.reject(error);
  }
  return raceWithSignal(pending, context.signal);
}

export interface ResiliencePipelineOptions {
  readonly providerName: string;
  readonly retry?: RetryConfig;
  readonly circuitBreaker?: CircuitBreakerConfig;
  readonly rateLimit?: RateLimitConfig;
  readonly timeouts?: TimeoutConfig;
  /** Extra limits per model, applied together with the provider's `rateLimit`. */
  readonly modelRateLimits?: Readonly<Record<string, RateLimitConfig>>;
  /** Shared across pipelines and config reloads; a private one is made when absent. */
  readonly breakers?: CircuitBreakerRegistry;
  readonly clock?: Clock;
  /** [0, 1) source for jitter. */
  readonly random?: () => number;
}

export interface ExecuteOptions<T> {
  readonly signal?: AbortSignal;
  readonly model?: string;
  /** Reserved against tokens-per-minute limits before each attempt. */
  readonly estimatedTokens?: number;
  /** The call's actual token usage, to reconcile the reservation. */
  readonly actualTokens?: (result: T) => number | undefined;
  /**
   * Your own value naming this call (opaque to the pipeline, e.g. your call's ids): every event the
   * call causes (`retry`, `give-up`, `timeout`, `breaker-state`, `rate-limited`) carries it as
   * `origin`, since the pipeline is shared by every call of its provider.
   */
  readonly origin?: unknown;
}

/** The `origin` field of an event caused by a call that passed one (none otherwise). */
export interface EventOrigin {
  /** The `origin` the call that caused the event passed to `execute` or `executeStream`. */
  readonly origin?: unknown;
}

/** What a pipeline reports; subscribe with `pipeline.on(name, listener)`. */
export interface PipelineEvents {
  /** A failed attempt that will be retried after `delayMs`. */
  retry: {
    provider: string;
    model?: string;
    attempt: number;
    error: LLMError;
    delayMs: number;
  } & EventOrigin;
  /** The call stopped retrying and rejects with `error`. */
  'give-up': {
    provider: string;
    model?: string;
    attempts: number;
    error: LLMError;
    reason: RetryStopReason;
  } & EventOrigin;
  /**
   * A breaker this pipeline used changed state; `origin` names the call whose outcome caused it
   * (a transition seen on a read, e.g. `breakerState`, has none).
   */
  'breaker-state': CircuitStateChange & EventOrigin;
  /** A local limit delayed (`rejected: false`) or refused a call. */
  'rate-limited': RateLimitedEvent & EventOrigin;
  /** The adaptive limiter changed the allowed rate. */
  'rate-adjusted': RateAdjustedEvent;
  /** An attempt, a call or a stream ran out of time. */
  timeout: {
    provider: string;
    model?: string;
    kind: TimeoutKind;
    timeoutMs: number;
    attempt?: number;
  } & EventOrigin;
}

/** Every policy of one provider, composed as retry(breaker(limiter(timeout(call)))). */
export interface ResiliencePipeline {
  readonly providerName: string;
  execute<T>(fn: (context: AttemptContext) => Promise<T>, options?: ExecuteOptions<T>): Promise<T>;
  executeStream<T>(
    open: (context: AttemptContext) => AsyncIterable<T>,
    options?: ExecuteStreamOptions<T>,
  ): AsyncIterable<T>;
  on<Name extends keyof PipelineEvents>(
    event: Name,
    listener: (payload: PipelineEvents[Name]) => void,
  ): () => void;
  /** The breaker guarding calls to `model` (the provider's breaker unless `per_model`). */
  breakerState(model?: string): CircuitState;
  /** Just the name of that breaker's state, without its counts (cheap enough for every call). */
  breakerStateName(model?: string): CircuitStateName;
  /** Every breaker of this provider (with `per_model`, one per model called), e.g. for `llm health`. */
  breakerStates(): CircuitState[];
}

/** The policies guarding the calls to one model, built once and reused by every call. */
export interface ModelPolicies {
  readonly retry: RetryPolicy;
  readonly breaker: CircuitBreaker;
  /** The breaker as a policy that reports its state changes as the pipeline's `breaker-state`. */
  readonly breakerPolicy: Policy<ExecutionContext>;
  /** `breaker.hold` reporting as `breakerPolicy` does: a stream's admission, held until it ends. */
  holdBreaker(origin: unknown, signal: AbortSignal): BreakerHold;
  /** Absent when neither the provider nor the model sets a rate limit. */
  readonly limiter?: RateLimiter;
  /**
   * `composePolicies(retry, breaker)`, built once, when the calls to the model need no per-call
   * policy (no limiter, no total or request timeout): what `execute` then runs for every call. It
   * races each attempt against its signal (a callee that ignores its signal cannot hold the call).
   */
  readonly composed?: Policy<AttemptContext>;
}

/** What the call and the stream paths of a pipeline share. */
export interface PipelineParts {
  readonly providerName: string;
  readonly clock: Clock;
  readonly timeouts: ResolvedTimeouts;
  policiesFor(model: string | undefined): ModelPolicies;
  /** The error and the `timeout` event of one time budget. */
  timeoutReporting(
    kind: TimeoutKind,
    timeoutMs: number | undefined,
    model?: string,
    attempt?: () => number,
    origin?: unknown,
  ): { error: () => LLMError; onTimeout: () => void };
}

/**
 * Builds the pipeline the manager runs every call of a provider through, from the exported
 * policies: `composePolicies(total timeout, retry, breaker, limiter, attempt timeout)`. Config
 * errors throw here.
 */
export function createResiliencePipeline(options: ResiliencePipelineOptions): ResiliencePipeline {
  const { providerName } = options;
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;
  const events = new TypedEventEmitter<PipelineEvents>();
  const timeouts = resolveTimeouts(options.timeouts);
  const breakers = options.breakers ?? new CircuitBreakerRegistry({ clock });
  const providerScope = createLimitScope({
    config: options.rateLimit,
    scope: 'provider',
    provider: providerName,
    clock,
  });
  const reportBreaker = (change: CircuitStateChange, origin?: unknown) =>
    events.emit('breaker-state', origin === undefined ? change : { ...change, origin });
  const byModel = new Map<string, ModelPolicies>();

  const limiterFor = (model: string | undefined): RateLimiter | undefined => {
    const modelConfig = model === undefined ? undefined : options.modelRateLimits?.[model];
    const scopes: LimitScope[] = [providerScope];
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
    const limiter = new RateLimiter({ scopes, clock });
    if (!limiter.hasLimits) return undefined;
    limiter.on('rate-limited', (event) =>
      events.emit('rate-limited', { ...event, model: event.model ?? model }),
    );
    limiter.on('rate-adjusted', (event) => events.emit('rate-adjusted', event));
    return limiter;
  };

  const parts: PipelineParts = {
    providerName,
    clock,
    timeouts,
    policiesFor(model) {
      const key = model ?? '';
      const existing = byModel.get(key);
      if (existing) return existing;
      const retry = new RetryPolicy(options.retry, { clock, random, providerName });
      retry.on('retry', (event) =>
        events.emit('retry', { provider: providerName, model, ...event }),
      );
      retry.on('give-up', (event) =>
        events.emit('give-up', { provider: providerName, model, ...event }),
      );
      const breaker = breakers.breakerFor({
        provider: providerName,
        model,
        config: options.circuitBreaker ?? {},
        clock,
      });
      const breakerPolicy = breaker.reportingTo(reportBreaker);
      const limiter = limiterFor(model);
      const perCall =
        limiter !== undefined || timeouts.totalMs !== undefined || timeouts.requestMs !== undefined;
      const policies: ModelPolicies = {
        retry,
        breaker,
        breakerPolicy,
        holdBreaker: (origin, signal) => breaker.hold(reportBreaker, origin, signal),
        limiter,
        ...(perCall ? {} : { composed: retryThenBreaker(retry, breakerPolicy) }),
      };
      byModel.set(key, policies);
      return policies;
    },
    timeoutReporting(kind, timeoutMs, model, attempt, origin) {
      return {
        error: () => timeoutError({ kind, timeoutMs: timeoutMs ?? 0, providerName, model }),
        onTimeout: () =>
          events.emit('timeout', {
            provider: providerName,
            model,
            kind,
            timeoutMs: timeoutMs ?? 0,
            attempt: attempt?.(),
            ...(origin === undefined ? {} : { origin }),
          }),
      };
    },
  };
  // Built now so that an invalid retry, breaker or rate-limit config throws here.
  parts.policiesFor(undefined);

  /** A timeout policy for one call, reporting its timeouts as the pipeline's `timeout` event. */
  const timeoutPolicy = (
    kind: 'request' | 'total',
    timeoutMs: number | undefined,
    model: string | undefined,
    origin: unknown,
    attempt?: () => number,
  ) => {
    const policy = new TimeoutPolicy({ timeoutMs, kind, clock, providerName, model });
    policy.on('timeout', parts.timeoutReporting(kind, timeoutMs, model, attempt, origin).onTimeout);
    return policy;
  };

  return {
    providerName,
    execute(fn, callOptions = {}) {
      const { model, origin } = callOptions;
      const { retry, breakerPolicy, limiter, composed } = parts.policiesFor(model);
      // `composed` races each attempt against its signal itself.
      if (composed) return composed.execute(fn, callOptions.signal, origin);
      // The attempt whose time runs out is the last one started: attempts of a call never overlap.
      let attempt = 0;
      // A timeout policy exists only for a budget that is set: without one nothing here can abort
      // an attempt, so the attempt runs on the caller's signal (no AbortController, no timer).
      const call = composePolicies(
        ...(timeouts.totalMs === undefined
          ? []
          : [timeoutPolicy('total', timeouts.totalMs, model, origin)]),
        retry,
        breakerPolicy,
        ...(limiter ? [limiter.forCall(callOptions)] : []),
        ...(timeouts.requestMs === undefined
          ? []
          : [timeoutPolicy('request', timeouts.requestMs, model, origin, () => attempt)]),
      );
      return call.execute(
        timeouts.requestMs === undefined
          ? raceAttempt(fn)
          : (context) => {
              attempt = context.attempt;
              return fn(context);
            },
        callOptions.signal,
        origin,
      );
    },
    executeStream: (open, callOptions) => executeStream(parts, open, callOptions),
    on: (event, listener) => events.on(event, listener),
    breakerState(model) {
      const { breaker } = parts.policiesFor(model);
      return breaker.observe(reportBreaker, () => breaker.state());
    },
    breakerStateName(model) {
      const { breaker } = parts.policiesFor(model);
      return breaker.observe(reportBreaker, () => breaker.stateName());
    },
    breakerStates: () =>
      breakers
        .breakers(providerName)
        .map((breaker) => breaker.observe(reportBreaker, () => breaker.state())),
  };
}
