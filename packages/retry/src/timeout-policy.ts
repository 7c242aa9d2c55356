import {
  isAbortedLLMError,
  LLMError,
  LLMErrorType,
  relayAbort,
  systemClock,
  TimeoutConfigSchema,
  type AbortRelay,
  type Clock,
  type TimeoutConfig,
  type TimerHandle,
  TypedEventEmitter,
} from '@llm/core';
import { abortedError, neverAbortedSignal } from './abort-signals';
import { raceWithSignal, type ExecutionContext, type Policy } from './resilience-pipeline';
import { TIMEOUT_DEFAULTS } from './resilience-defaults';

/** Which budget ran out: a config key of `[timeouts]`. */
export type TimeoutKind = 'request' | 'total' | 'first_chunk' | 'chunk_gap';

/** `[timeouts]` merged over the defaults; undefined means "no limit". */
export interface ResolvedTimeouts {
  readonly requestMs?: number;
  readonly totalMs?: number;
  readonly firstChunkMs?: number;
  readonly chunkGapMs?: number;
}

export function resolveTimeouts(input: TimeoutConfig = {}): ResolvedTimeouts {
  const config = TimeoutConfigSchema.parse(input);
  return {
    requestMs: config.request ?? TIMEOUT_DEFAULTS.request,
    totalMs: config.total ?? TIMEOUT_DEFAULTS.total,
    firstChunkMs: config.first_chunk ?? TIMEOUT_DEFAULTS.first_chunk,
    chunkGapMs: config.chunk_gap ?? TIMEOUT_DEFAULTS.chunk_gap,
  };
}

export interface TimeoutErrorInput {
  readonly kind: TimeoutKind;
  readonly timeoutMs: number;
  readonly providerName?: string;
  readonly model?: string;
}

const WHAT: Record<TimeoutKind, string> = {
  request: 'The attempt took longer than',
  total: 'The call, across all its attempts, took longer than',
  first_chunk: 'The stream sent no first chunk within',
  chunk_gap: 'The stream sent nothing for',
};

/**
 * A typed timeout. An attempt's timeouts are retryable like any timeout; the total timeout is
 * not (`details.reason` 'total_timeout'), because the whole budget is spent.
 */
export function timeoutError({
  kind,
  timeoutMs,
  providerName,
  model,
}: TimeoutErrorInput): LLMError {
  const target =
    providerName === undefined
      ? ''
      : ` (provider "${providerName}"${model === undefined ? '' : `, model "${model}"`})`;
  return new LLMError({
    type: LLMErrorType.TIMEOUT_ERROR,
    message: `${WHAT[kind]} timeouts.${kind} = ${timeoutMs} ms${target} and was aborted.`,
    providerName,
    model,
    retryable: kind !== 'total',
    details: { reason: `${kind}_timeout`, timeoutMs },
  });
}

export interface TimeoutEvent {
  readonly kind: TimeoutKind;
  readonly timeoutMs: number;
  /** The `origin` the call passed to `execute`, when it passed one. */
  readonly origin?: unknown;
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

/** True when `thrown` is the inner run's own report of the abort `expected` describes. */
function reportsSameAbort(thrown: unknown, expected: LLMError): thrown is LLMError {
  if (!LLMError.is(thrown)) return false;
  if (isAbortedLLMError(expected)) return isAbortedLLMError(thrown);
  return (
    thrown.type === expected.type && thrown.details?.['reason'] === expected.details?.['reason']
  );
}

/**
 * Like `raceWithSignal`, but once the signal aborts the inner run gets one timer turn to end with
 * its own error — a retry policy inside ends with the attempt history — before the abort wins.
 */
function settleSoonAfterAbort<T>(running: Promise<T>, signal: AbortSignal, clock: Clock) {
  return new Promise<T>((resolve, reject) => {
    let grace: TimerHandle | undefined;
    const onAbort = () => {
      grace = clock.setTimer(() => reject(signal.reason), 0);
    };
    const done = () => {
      signal.removeEventListener('abort', onAbort);
      grace?.cancel();
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    running.then(
      (value) => (done(), resolve(value)),
      (error: unknown) => (done(), reject(error)),
    );
  });
}

/**
 * Aborts the function's signal after `timeoutMs` and rejects at once with a typed timeout error,
 * even when the function ignores its signal; a caller's abort surfaces as the abort. A `total`
 * timeout lets the policies inside it end first, so the error keeps their attempt history.
 */
export class TimeoutPolicy implements Policy<ExecutionContext> {
  readonly #options: TimeoutPolicyOptions;
  readonly #events = new TypedEventEmitter<{ timeout: TimeoutEvent }>();

  constructor(options: TimeoutPolicyOptions = {}) {
    this.#options = options;
  }

  on(event: 'timeout', listener: (payload: TimeoutEvent) => void): () => void {
    return this.#events.on(event, listener);
  }

  async execute<T>(
    fn: (context: ExecutionContext) => Promise<T>,
    signal?: AbortSignal,
    origin?: unknown,
  ): Promise<T> {
    const { timeoutMs, kind = 'request', clock = systemClock, providerName, model } = this.#options;
    const parent = signal ?? neverAbortedSignal();
    const link = relayAbort(parent);
    let timedOut: LLMError | undefined;
    const timer =
      timeoutMs === undefined
        ? undefined
        : clock.setTimer(() => {
            timedOut = timeoutError({ kind, timeoutMs, providerName, model });
            this.#events.emit(
              'timeout',
              origin === undefined ? { kind, timeoutMs } : { kind, timeoutMs, origin },
            );
            link.abort(timedOut);
          }, timeoutMs);
    try {
      const running = Promise.resolve().then(() => fn({ signal: link.signal }));
      return await (kind === 'total'
        ? settleSoonAfterAbort(running, link.signal, clock)
        : raceWithSignal(running, link.signal));
    } catch (thrown) {
      const cause = parent.aborted ? abortedError(parent, providerName) : timedOut;
      if (!cause) throw thrown;
      throw kind === 'total' && reportsSameAbort(thrown, cause) ? thrown : cause;
    } finally {
      timer?.cancel();
      link.unlink();
    }
  }
}

export interface ChunkGapWatchOptions {
  readonly clock: Clock;
  /** Undefined: wait as long as it takes. */
  readonly timeoutMs?: number;
  /** The attempt's controller: aborted with `error` when the time is up. */
  readonly controller: AbortRelay;
  readonly error: () => LLMError;
  readonly onTimeout?: () => void;
}

export interface ChunkGapWatch {
  /** The stream's next item, or a typed timeout once `timeoutMs` passes without one. */
  next<T>(iterator: AsyncIterator<T>): Promise<IteratorResult<T>>;
  /** Cancels the watch's timer; call when the stream is over. */
  stop(): void;
}

export interface ChunkGapTimerOptions {
  readonly clock: Clock;
  readonly timeoutMs: number;
  /** Runs once when one wait lasted `timeoutMs` (the stream aborts its attempt there). */
  readonly onExpired: () => void;
}

/**
 * The gap allowed between a stream's items, timed by ONE timer for the whole stream rather than
 * one per item: `waiting()` when a pull starts and `received()` when it ends only note the time;
 * the timer is armed at the first wait and re-armed only when it fires, for what remains of the
 * wait in progress. Time the consumer spends between items does not count.
 */
export class ChunkGapTimer {
  readonly #options: ChunkGapTimerOptions;
  #waitingSince: number | undefined;
  #timer: TimerHandle | undefined;
  #stopped = false;

  constructor(options: ChunkGapTimerOptions) {
    this.#options = options;
  }

  waiting(): void {
    this.#waitingSince = this.#options.clock.now();
    if (this.#timer === undefined && !this.#stopped) this.#arm(this.#options.timeoutMs);
  }

  received(): void {
    this.#waitingSince = undefined;
  }

  stop(): void {
    this.#stopped = true;
    this.#timer?.cancel();
    this.#timer = undefined;
  }

  #arm(delayMs: number): void {
    this.#timer = this.#options.clock.setTimer(this.#check, delayMs);
  }

  readonly #check = (): void => {
    this.#timer = undefined;
    const since = this.#waitingSince;
    if (since === undefined) return; // armed again when the next wait begins
    const waited = this.#options.clock.now() - since;
    if (waited < this.#options.timeoutMs) return this.#arm(this.#options.timeoutMs - waited);
    this.#stopped = true;
    this.#options.onExpired();
  };
}

/**
 * `ChunkGapTimer` around an iterator's `next`, each pull raced with the controller's signal: for a
 * caller that pulls items one by one itself. (The pipeline's stream uses the timer directly and
 * one abort listener per attempt instead of one race per item.)
 */
export function watchChunkGaps(options: ChunkGapWatchOptions): ChunkGapWatch {
  const { clock, timeoutMs, controller } = options;
  if (timeoutMs === undefined)
    return {
      next: (iterator) => raceWithSignal(iterator.next(), controller.signal),
      stop: () => undefined,
    };
  const timer = new ChunkGapTimer({
    clock,
    timeoutMs,
    onExpired: () => {
      options.onTimeout?.();
      controller.abort(options.error());
    },
  });
  return {
    async next(iterator) {
      timer.waiting();
      try {
        return await raceWithSignal(iterator.next(), controller.signal);
      } finally {
        timer.received();
      }
    },
    stop: () => timer.stop(),
  };
}
