import { systemClock, type Clock, type RetryConfig } from '@llm/core';
import { TypedEventEmitter } from '../events/typed-event-emitter';
import type { AttemptContext, Policy } from '../policy/policy';
import { resolveRetryOptions, type ResolvedRetryOptions } from './resolve-retry-options';
import { runWithRetries, type GiveUpEvent, type RetryEvent } from './run-with-retries';

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

/**
 * Retries a call per error type (seed 001's RetryManager): backoff with jitter, the server's
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

  /** Shorthand for `on('retry', listener)` (cockatiel's `onRetry`). */
  onRetry(listener: (event: RetryEvent) => void): () => void {
    return this.on('retry', listener);
  }

  execute<T>(fn: (context: AttemptContext) => Promise<T>, signal?: AbortSignal): Promise<T> {
    return runWithRetries(fn, {
      options: this.options,
      clock: this.#clock,
      random: this.#random,
      signal,
      providerName: this.#providerName,
      onRetry: (event) => this.#events.emit('retry', event),
      onGiveUp: (event) => this.#events.emit('give-up', event),
    });
  }
}

/** Seed 001's name for the retry policy. */
export const RetryManager = RetryPolicy;
export type RetryManager = RetryPolicy;

export function createRetryPolicy(
  config: RetryConfig = {},
  options: RetryPolicyOptions = {},
): RetryPolicy {
  return new RetryPolicy(config, options);
}
