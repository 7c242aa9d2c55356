import { hasErrorIdentity, markErrorIdentity, type Clock, type TimerHandle } from '@llm/core';

export type ConcurrencyRefusalKind = 'queue_full' | 'queue_timeout';

const CONCURRENCY_REFUSAL_IDENTITY = '@llm/retry.ConcurrencyRefusal';

/**
 * Thrown by `ConcurrencyLimiter.acquire` when no slot can be had. It never reaches a user: the
 * rate limiter turns it into a `local_rate_limit` LLMError that names the limit.
 */
export class ConcurrencyRefusal extends Error {
  constructor(
    readonly kind: ConcurrencyRefusalKind,
    readonly waitedMs: number,
  ) {
    super(
      kind === 'queue_full'
        ? 'The concurrency queue is full.'
        : 'No concurrency slot became free in time.',
    );
    this.name = 'ConcurrencyRefusal';
    markErrorIdentity(this, CONCURRENCY_REFUSAL_IDENTITY);
  }

  static is(value: unknown): value is ConcurrencyRefusal {
    return hasErrorIdentity(value, CONCURRENCY_REFUSAL_IDENTITY);
  }
}

interface Waiter {
  grant(): void;
  fail(error: unknown): void;
}

export interface ConcurrencyLimiterOptions {
  readonly maxConcurrency: number;
  readonly maxQueue: number;
  readonly clock: Clock;
}

/** At most `maxConcurrency` calls at once; up to `maxQueue` more wait in order, each for at most its timeout. */
export class ConcurrencyLimiter {
  readonly #options: ConcurrencyLimiterOptions;
  readonly #queue: Waiter[] = [];
  #active = 0;

  constructor(options: ConcurrencyLimiterOptions) {
    this.#options = options;
  }

  get active(): number {
    return this.#active;
  }

  get queued(): number {
    return this.#queue.length;
  }

  /** Resolves with the slot's release function (safe to call twice). */
  acquire(request: { signal?: AbortSignal; timeoutMs: number }): Promise<() => void> {
    const { signal, timeoutMs } = request;
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#active < this.#options.maxConcurrency) {
      this.#active += 1;
      return Promise.resolve(this.#releaser());
    }
    if (this.#queue.length >= this.#options.maxQueue)
      return Promise.reject(new ConcurrencyRefusal('queue_full', 0));
    const { clock } = this.#options;
    const queuedAt = clock.now();
    return new Promise((resolve, reject) => {
      const leave = () => {
        timer.cancel();
        signal?.removeEventListener('abort', onAbort);
        const index = this.#queue.indexOf(waiter);
        if (index !== -1) this.#queue.splice(index, 1);
      };
      const waiter: Waiter = {
        grant: () => {
          leave();
          resolve(this.#releaser());
        },
        fail: (error) => {
          leave();
          reject(error);
        },
      };
      const onAbort = () => waiter.fail(signal?.reason);
      this.#queue.push(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
      const timer: TimerHandle = clock.setTimer(
        () => waiter.fail(new ConcurrencyRefusal('queue_timeout', clock.now() - queuedAt)),
        timeoutMs,
      );
    });
  }

  #releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#queue[0];
      if (next) next.grant();
      else this.#active -= 1;
    };
  }
}
