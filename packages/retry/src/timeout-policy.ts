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

export interface NextWithinOptions {
  readonly clock: Clock;
  /** Undefined: wait as long as it takes. */
  readonly timeoutMs?: number;
  /** The attempt's controller: aborted with `error` when the time is up. */
  readonly controller: AbortRelay;
  readonly error: () => LLMError;
  readonly onTimeout?: () => void;
}

/**
 * A stream's next item, or a typed timeout once `timeoutMs` passes without one (time to first
 * chunk, or the gap between chunks). Also ends at once when the attempt's signal aborts. Streams
 * time each item rather than the call, so they use this instead of a `TimeoutPolicy`.
 */
export async function nextWithin<T>(
  iterator: AsyncIterator<T>,
  options: NextWithinOptions,
): Promise<IteratorResult<T>> {
  const { clock, timeoutMs, controller } = options;
  const timer =
    timeoutMs === undefined
      ? undefined
      : clock.setTimer(() => {
          options.onTimeout?.();
          controller.abort(options.error());
        }, timeoutMs);
  try {
    return await raceWithSignal(iterator.next(), controller.signal);
  } finally {
    timer?.cancel();
  }
}

export interface ChunkGapWatch {
  /** The stream's next item, or a typed timeout once `timeoutMs` passes without one. */
  next<T>(iterator: AsyncIterator<T>): Promise<IteratorResult<T>>;
  /** Cancels the watch's timer; call when the stream is over. */
  stop(): void;
}

/**
 * The gap allowed between a stream's items, timed by ONE timer for the whole stream rather than
 * one per item: the timer is re-armed only when it fires, for what remains of the current wait.
 * Time the consumer spends between items does not count, as with `nextWithin`.
 */
export function watchChunkGaps(
  options: Omit<NextWithinOptions, 'timeoutMs'> & {
    readonly timeoutMs?: number;
  },
): ChunkGapWatch {
  const { clock, timeoutMs, controller } = options;
  if (timeoutMs === undefined)
    return {
      next: (iterator) => raceWithSignal(iterator.next(), controller.signal),
      stop: () => undefined,
    };
  let waitingSince: number | undefined;
  let timer: TimerHandle | undefined;
  const arm = (delayMs: number) => {
    timer = clock.setTimer(check, delayMs);
  };
  function check() {
    timer = undefined;
    if (waitingSince === undefined) return; // armed again when the next wait begins
    const waited = clock.now() - waitingSince;
    if (waited < timeoutMs!) return arm(timeoutMs! - waited);
    options.onTimeout?.();
    controller.abort(options.error());
  }
  return {
    async next(iterator) {
      waitingSince = clock.now();
      if (timer === undefined) arm(timeoutMs);
      try {
        return await raceWithSignal(iterator.next(), controller.signal);
      } finally {
        waitingSince = undefined;
      }
    },
    stop() {
      timer?.cancel();
      timer = undefined;
    },
  };
}
