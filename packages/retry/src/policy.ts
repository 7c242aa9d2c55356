import { abortedByCallerError, LLMError } from '@llm/core';

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
 */
export interface Policy<Context extends ExecutionContext = ExecutionContext> {
  execute<T>(fn: (context: Context) => Promise<T>, signal?: AbortSignal): Promise<T>;
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
    execute<T>(fn: (context: AttemptContext) => Promise<T>, signal?: AbortSignal): Promise<T> {
      const run = (index: number, context: AttemptContext): Promise<T> => {
        const policy = policies[index];
        if (!policy) return fn(context);
        return policy.execute((inner: ExecutionContext) => {
          const attempt =
            'attempt' in inner && typeof inner.attempt === 'number'
              ? inner.attempt
              : context.attempt;
          return run(index + 1, { signal: inner.signal, attempt });
        }, context.signal);
      };
      return run(0, { signal: signal ?? neverAbortedSignal(), attempt: 1 });
    },
  };
}

/** A listener of one event; its return value is ignored. */
export type Listener<Payload> = (payload: Payload) => void;

/**
 * The one event style of every policy and the pipeline: `on(name, listener)` returns an
 * unsubscribe function. A listener that throws is skipped, because observing a call must never
 * change its outcome.
 */
export class TypedEventEmitter<Events extends object> {
  readonly #listeners = new Map<keyof Events, Set<Listener<never>>>();

  on<Name extends keyof Events>(event: Name, listener: Listener<Events[Name]>): () => void {
    const listeners = this.#listeners.get(event) ?? new Set();
    listeners.add(listener as Listener<never>);
    this.#listeners.set(event, listeners);
    return () => this.off(event, listener);
  }

  off<Name extends keyof Events>(event: Name, listener: Listener<Events[Name]>): void {
    this.#listeners.get(event)?.delete(listener as Listener<never>);
  }

  emit<Name extends keyof Events>(event: Name, payload: Events[Name]): void {
    const listeners = this.#listeners.get(event);
    if (!listeners) return;
    for (const listener of [...listeners]) {
      try {
        (listener as Listener<Events[Name]>)(payload);
      } catch {
        // Observers must not break the call they observe.
      }
    }
  }

  listenerCount(event: keyof Events): number {
    return this.#listeners.get(event)?.size ?? 0;
  }
}

/** An AbortController that also aborts (with the same reason) when its parent signal does. */
export interface LinkedAbortController {
  readonly signal: AbortSignal;
  abort(reason: unknown): void;
  /** Detaches from the parent; call when the child's work is over. */
  dispose(): void;
}

export function linkAbortController(parent?: AbortSignal): LinkedAbortController {
  const controller = new AbortController();
  const onParentAbort = () => controller.abort(parent?.reason);
  if (parent?.aborted) controller.abort(parent.reason);
  else parent?.addEventListener('abort', onParentAbort, { once: true });
  return {
    signal: controller.signal,
    abort: (reason) => controller.abort(reason),
    dispose: () => parent?.removeEventListener('abort', onParentAbort),
  };
}

/** A signal that never aborts, for calls made without one. */
export function neverAbortedSignal(): AbortSignal {
  return new AbortController().signal;
}

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
    signal.addEventListener('abort', onAbort, { once: true });
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
 * The error a call ends with when its signal aborted. A reason that is already an LLMError (a
 * total timeout, say) is kept; anything else becomes core's "aborted by the caller" error, which
 * `isAbortedLLMError` recognises and nothing retries.
 */
export function abortedError(signal: AbortSignal, providerName?: string): LLMError {
  const reason: unknown = signal.reason;
  if (LLMError.is(reason)) return reason;
  return abortedByCallerError(providerName, reason);
}
