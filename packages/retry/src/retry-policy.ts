import {
  isAbortedLLMError,
  LLM_ERROR_TYPES,
  RetryConfigSchema,
  systemClock,
  toLLMError,
  type Clock,
  type LLMError,
  type LLMErrorAttempt,
  type LLMErrorType,
  type RetryConfig,
  TypedEventEmitter,
} from '@llm/core';
import { abortedError, neverAbortedSignal } from './abort-signals';
import type { AttemptContext, Policy } from './resilience-pipeline';
import {
  RETRY_DEFAULTS,
  RETRY_POLICY_DEFAULTS,
  type Backoff,
  type Jitter,
} from './resilience-defaults';

/** How one error type is retried, after config and defaults are merged. */
export interface RetryTypePolicy {
  /** Retries after the first attempt, already capped by `max_attempts`. */
  readonly maxRetries: number;
  readonly backoff: Backoff;
  readonly baseDelayMs: number;
}

export interface ResolvedRetryOptions {
  readonly maxDelayMs: number;
  readonly backoffFactor: number;
  readonly retryableErrors: ReadonlySet<LLMErrorType>;
  readonly jitter: Jitter;
  readonly maxRetryAfterMs: number;
  readonly deadlineMs?: number;
  readonly policies: Readonly<Record<LLMErrorType, RetryTypePolicy>>;
}

/**
 * Merges `[llm.retry]` over the defaults. A per-type override (`policies.<type>`) replaces that
 * type's count, backoff or base delay; `max_attempts` then caps the attempts of every type.
 */
export function resolveRetryOptions(input: RetryConfig = {}): ResolvedRetryOptions {
  const config = RetryConfigSchema.parse(input);
  const baseDelayMs = config.base_delay ?? RETRY_DEFAULTS.base_delay;
  const maxAttempts = config.max_attempts ?? RETRY_DEFAULTS.max_attempts;
  const policies = Object.fromEntries(
    LLM_ERROR_TYPES.map((type) => {
      const defaults = RETRY_POLICY_DEFAULTS[type];
      const override = config.policies?.[type];
      const maxRetries = override?.max_retries ?? defaults.max_retries;
      const policy: RetryTypePolicy = {
        maxRetries: maxAttempts === undefined ? maxRetries : Math.min(maxRetries, maxAttempts - 1),
        backoff: override?.backoff ?? defaults.backoff,
        baseDelayMs: override?.base_delay ?? baseDelayMs,
      };
      return [type, policy];
    }),
  ) as Record<LLMErrorType, RetryTypePolicy>;
  return {
    maxDelayMs: config.max_delay ?? RETRY_DEFAULTS.max_delay,
    backoffFactor: config.backoff_factor ?? RETRY_DEFAULTS.backoff_factor,
    retryableErrors: new Set(config.retryable_errors ?? RETRY_DEFAULTS.retryable_errors),
    jitter: config.jitter ?? RETRY_DEFAULTS.jitter,
    maxRetryAfterMs: config.max_retry_after ?? RETRY_DEFAULTS.max_retry_after,
    deadlineMs: config.deadline ?? RETRY_DEFAULTS.deadline,
    policies,
  };
}

export interface BackoffInput {
  readonly backoff: Backoff;
  /** 1 for the wait before the first retry, 2 before the second, … */
  readonly retry: number;
  readonly baseDelayMs: number;
  readonly factor: number;
  readonly maxDelayMs: number;
}

/** The wait before a retry, before jitter: base·factor^(n-1), base·n or base, capped at the max. */
export function backoffDelay({
  backoff,
  retry,
  baseDelayMs,
  factor,
  maxDelayMs,
}: BackoffInput): number {
  const step = Math.max(1, retry);
  const raw =
    backoff === 'exponential'
      ? baseDelayMs * factor ** (step - 1)
      : backoff === 'linear'
        ? baseDelayMs * step
        : baseDelayMs;
  return Math.min(raw, maxDelayMs);
}

/**
 * Spreads a wait so clients that failed together do not retry together: `full` picks from
 * [0, delay], `equal` from [delay/2, delay], `none` keeps it. `random` returns [0, 1).
 */
export function applyJitter(delayMs: number, jitter: Jitter, random: () => number): number {
  if (jitter === 'none') return delayMs;
  const draw = Math.min(Math.max(random(), 0), 1);
  if (jitter === 'full') return Math.round(draw * delayMs);
  const half = delayMs / 2;
  return Math.round(half + draw * half);
}

/** Why a call stops being retried. */
export type RetryStopReason =
  | 'aborted'
  | 'not_retryable'
  | 'not_in_retryable_errors'
  | 'exhausted'
  | 'retry_after_too_long'
  | 'deadline';

export type RetryPlan =
  | { readonly retry: true; readonly delayMs: number }
  | { readonly retry: false; readonly reason: RetryStopReason; readonly error: LLMError };

export interface PlanRetryInput {
  readonly error: LLMError;
  /** The attempt that just failed, from 1. */
  readonly attempt: number;
  /** Time since the first attempt started. */
  readonly elapsedMs: number;
  readonly options: ResolvedRetryOptions;
  readonly random: () => number;
}

const seconds = (milliseconds: number) => `${Math.round(milliseconds / 100) / 10} s`;

/**
 * Decides whether a failed attempt is retried and after how long. The wait is the backoff step
 * with jitter, raised to the server's `retryAfterMs` when that is longer.
 */
export function planRetry({
  error,
  attempt,
  elapsedMs,
  options,
  random,
}: PlanRetryInput): RetryPlan {
  if (isAbortedLLMError(error)) return { retry: false, reason: 'aborted', error };
  if (!error.retryable) return { retry: false, reason: 'not_retryable', error };
  if (!options.retryableErrors.has(error.type))
    return { retry: false, reason: 'not_in_retryable_errors', error };
  const policy = options.policies[error.type];
  if (attempt > policy.maxRetries) return { retry: false, reason: 'exhausted', error };

  const step = backoffDelay({
    backoff: policy.backoff,
    retry: attempt,
    baseDelayMs: policy.baseDelayMs,
    factor: options.backoffFactor,
    maxDelayMs: options.maxDelayMs,
  });
  const jittered = applyJitter(step, options.jitter, random);
  const retryAfter = error.retryAfterMs;
  if (retryAfter !== undefined && retryAfter > options.maxRetryAfterMs) {
    const message = `${error.message} The server asked to wait ${seconds(retryAfter)} before retrying, longer than max_retry_after (${seconds(options.maxRetryAfterMs)}); not retrying.`;
    return { retry: false, reason: 'retry_after_too_long', error: error.with({ message }) };
  }
  const delayMs = Math.max(jittered, retryAfter ?? 0);
  if (options.deadlineMs !== undefined && elapsedMs + delayMs > options.deadlineMs) {
    const message = `${error.message} Not retrying: the next attempt would start after the retry deadline of ${options.deadlineMs} ms (waited ${elapsedMs} ms, next wait ${delayMs} ms).`;
    return { retry: false, reason: 'deadline', error: error.with({ message }) };
  }
  return { retry: true, delayMs };
}

/** A failed attempt that will be retried after `delayMs`. */
export interface RetryEvent {
  readonly attempt: number;
  readonly error: LLMError;
  readonly delayMs: number;
  /** The `origin` the call passed to `execute`, when it passed one. */
  readonly origin?: unknown;
}

/** The call stops retrying; `error` is what the caller receives. */
export interface GiveUpEvent {
  readonly attempts: number;
  readonly error: LLMError;
  readonly reason: RetryStopReason;
  /** The `origin` the call passed to `execute`, when it passed one. */
  readonly origin?: unknown;
}

export interface RetryPolicyEvents {
  retry: RetryEvent;
  'give-up': GiveUpEvent;
}

export interface RetryPolicyOptions {
  readonly clock?: Clock;
  /** [0, 1) source for jitter; inject a seeded one in tests. */
  readonly random?: () => number;
  readonly providerName?: string;
}

function historyEntry(attempt: number, error: LLMError, delayMs?: number): LLMErrorAttempt {
  return {
    attempt,
    type: error.type,
    message: error.message,
    statusCode: error.statusCode,
    delayMs,
  };
}

function withHistory(
  error: LLMError,
  history: readonly LLMErrorAttempt[],
  reason: RetryStopReason,
): LLMError {
  if (history.length === 0) return error;
  const counted = history.length > 1 && reason !== 'aborted';
  return error.with({
    attempts: history,
    message: counted ? `${error.message} (failed after ${history.length} attempts)` : error.message,
  });
}

/**
 * Retries a call per error type (the specification's RetryManager): backoff with jitter, the server's
 * retry-after as the minimum wait, an optional deadline, and an abort that ends a wait at once.
 * The error a call finally rejects with carries every attempt in `attempts`.
 */
export class RetryPolicy implements Policy<AttemptContext> {
  readonly options: ResolvedRetryOptions;
  readonly #events = new TypedEventEmitter<RetryPolicyEvents>();
  readonly #clock: Clock;
  readonly #random: () => number;
  readonly #providerName?: string;

  constructor(config: RetryConfig = {}, options: RetryPolicyOptions = {}) {
    this.options = resolveRetryOptions(config);
    this.#clock = options.clock ?? systemClock;
    this.#random = options.random ?? Math.random;
    this.#providerName = options.providerName;
  }

  on<Name extends keyof RetryPolicyEvents>(
    event: Name,
    listener: (payload: RetryPolicyEvents[Name]) => void,
  ): () => void {
    return this.#events.on(event, listener);
  }

  /** Runs `fn`, retrying it as configured; `origin` is carried by every event of this call. */
  async execute<T>(
    fn: (context: AttemptContext) => Promise<T>,
    signal?: AbortSignal,
    origin?: unknown,
  ): Promise<T> {
    const callSignal = signal ?? neverAbortedSignal();
    if (callSignal.aborted)
      throw this.#giveUp(abortedError(callSignal, this.#providerName), 'aborted', [], origin);
    // The first attempt needs only its context and its start: the history, the closures and the
    // retry plan are for a call that failed once (most calls do not).
    const startedAt = this.#clock.now();
    let error: LLMError;
    try {
      return await fn({ signal: callSignal, attempt: 1 });
    } catch (thrown) {
      error = this.#attemptError(thrown, callSignal);
    }
    return this.#retry(fn, callSignal, origin, startedAt, error);
  }

  #attemptError(thrown: unknown, callSignal: AbortSignal): LLMError {
    return callSignal.aborted
      ? abortedError(callSignal, this.#providerName)
      : toLLMError(thrown, this.#providerName);
  }

  #giveUp(
    error: LLMError,
    reason: RetryStopReason,
    history: readonly LLMErrorAttempt[],
    origin: unknown,
  ): LLMError {
    const final = withHistory(error, history, reason);
    this.#events.emit(
      'give-up',
      origin === undefined
        ? { attempts: history.length, error: final, reason }
        : { attempts: history.length, error: final, reason, origin },
    );
    return final;
  }

  /** The call after its first attempt failed with `firstError`: retried as planned, or given up. */
  async #retry<T>(
    fn: (context: AttemptContext) => Promise<T>,
    callSignal: AbortSignal,
    origin: unknown,
    startedAt: number,
    firstError: LLMError,
  ): Promise<T> {
    const history: LLMErrorAttempt[] = [];
    let error = firstError;
    for (let attempt = 1; ; attempt++) {
      if (attempt > 1) {
        if (callSignal.aborted)
          throw this.#giveUp(
            abortedError(callSignal, this.#providerName),
            'aborted',
            history,
            origin,
          );
        try {
          return await fn({ signal: callSignal, attempt });
        } catch (thrown) {
          error = this.#attemptError(thrown, callSignal);
        }
      }
      const plan = planRetry({
        error,
        attempt,
        elapsedMs: this.#clock.now() - startedAt,
        options: this.options,
        random: this.#random,
      });
      if (!plan.retry) {
        history.push(historyEntry(attempt, error));
        throw this.#giveUp(plan.error, plan.reason, history, origin);
      }
      history.push(historyEntry(attempt, error, plan.delayMs));
      this.#events.emit(
        'retry',
        origin === undefined
          ? { attempt, error, delayMs: plan.delayMs }
          : { attempt, error, delayMs: plan.delayMs, origin },
      );
      try {
        await this.#clock.sleep(plan.delayMs, callSignal);
      } catch {
        throw this.#giveUp(
          abortedError(callSignal, this.#providerName),
          'aborted',
          history,
          origin,
        );
      }
    }
  }
}

/** The retry policy under the name the original specification gives it. */
export const RetryManager = RetryPolicy;
export type RetryManager = RetryPolicy;
