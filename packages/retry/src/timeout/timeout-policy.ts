import { systemClock, type Clock } from '@llm/core';
import { TypedEventEmitter } from '../events/typed-event-emitter';
import type { ExecutionContext, Policy } from '../policy/policy';
import { neverAbortedSignal } from '../signal/linked-abort-controller';
import { runWithTimeout } from './run-with-timeout';
import { timeoutError, type TimeoutKind } from './timeout-error';

export interface TimeoutEvent {
  readonly kind: TimeoutKind;
  readonly timeoutMs: number;
}

export interface TimeoutPolicyOptions {
  /** Undefined: no timeout (the policy still ends the call at once when its signal aborts). */
  readonly timeoutMs?: number;
  /** `request` (one attempt, the default) or `total` (placed around a retry policy). */
  readonly kind?: Extract<TimeoutKind, 'request' | 'total'>;
  readonly clock?: Clock;
  readonly providerName?: string;
  readonly model?: string;
}

/** Aborts the function's signal after `timeoutMs` and rejects at once with a typed timeout error. */
export class TimeoutPolicy implements Policy<ExecutionContext> {
  readonly #options: TimeoutPolicyOptions;
  readonly #events = new TypedEventEmitter<{ timeout: TimeoutEvent }>();

  constructor(options: TimeoutPolicyOptions = {}) {
    this.#options = options;
  }

  on(event: 'timeout', listener: (payload: TimeoutEvent) => void): () => void {
    return this.#events.on(event, listener);
  }

  execute<T>(fn: (context: ExecutionContext) => Promise<T>, signal?: AbortSignal): Promise<T> {
    const { timeoutMs, kind = 'request', clock = systemClock, providerName, model } = this.#options;
    return runWithTimeout(fn, {
      clock,
      timeoutMs,
      signal: signal ?? neverAbortedSignal(),
      providerName,
      error: () => timeoutError({ kind, timeoutMs: timeoutMs ?? 0, providerName, model }),
      onTimeout: () => this.#events.emit('timeout', { kind, timeoutMs: timeoutMs ?? 0 }),
    });
  }
}
