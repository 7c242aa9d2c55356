import { toLLMError, type LLMError, type TimerHandle } from '@llm/core';
import { abortedError, neverAbortedSignal } from './abort-signals';
import type { BreakerHold } from './circuit-breaker/circuit-breaker';
import {
  composePolicies,
  type AttemptContext,
  type ModelPolicies,
  type PipelineParts,
} from './resilience-pipeline';
import { countTokens, type RateLimiter } from './rate-limit/rate-limiter';
import { ChunkGapTimer } from './timeout-policy';

/**
 * What the caller learns of each attempt's stream without a layer of its own around every item
 * (e.g. its own records of the attempt). `context` is the one `open` was given.
 */
export interface StreamAttemptWatch<T> {
  /** The attempt's first item arrived. */
  readonly firstItem?: (item: T, context: AttemptContext) => void;
  /**
   * Opening the attempt's stream, or one of its `next` calls, threw `thrown`: what this returns is
   * what the pipeline goes on with (what the retry policy judges before the first item, what the
   * stream ends with after it). It also runs for a pull the pipeline had already given up on (a
   * timeout or an abort ended the attempt first); what it returns then goes nowhere.
   */
  readonly failed?: (thrown: unknown, context: AttemptContext) => unknown;
}

export interface ExecuteStreamOptions<T> {
  readonly signal?: AbortSignal;
  readonly model?: string;
  readonly estimatedTokens?: number;
  /** Read from each item; the last defined value is the stream's usage (streams report it at the end). */
  readonly actualTokens?: (item: T) => number | undefined;
  /**
   * Whether an item is the stream's last (an LLM stream's finish): the stream is then complete as
   * soon as that item arrives, and a consumer that stops after it releases the request instead of
   * aborting it.
   */
  readonly isLast?: (item: T) => boolean;
  /** Your value naming this call: every event the stream causes carries it (see `ExecuteOptions`). */
  readonly origin?: unknown;
  /** Told of each attempt's first item and failures (see `StreamAttemptWatch`). */
  readonly watch?: StreamAttemptWatch<T>;
}

/** How a stream ended, as the breaker and the limiter holding it learn it. */
interface StreamEnd {
  readonly tokens?: number;
}

const noop = (): undefined => undefined;

/** What a pull of a stream under way settles with: the item delivered, or the stream's failure. */
interface PullHandlers<T> {
  received(result: IteratorResult<T>): IteratorResult<T> | Promise<IteratorResult<T>>;
  failed(thrown: unknown): Promise<IteratorResult<T>>;
}
const done = <T>(): IteratorResult<T> => ({ done: true, value: undefined });

/**
 * One attempt's open stream: its source, the attempt's own signal and the pull in flight. The
 * attempt's signal follows the call's (`parent`) until `unlink`, and aborts on its own (a timeout,
 * a failure); either way the pull in flight rejects at once, so a source that ignores its signal
 * cannot hold the caller, with no race set up per item. The relay is the source's own (one
 * controller, one listener on the parent; the abort settles the pull directly, not through a
 * listener on its own signal).
 */
class AttemptSource<T> {
  readonly context: AttemptContext;
  iterator: AsyncIterator<T> | undefined;
  readonly #controller: AbortController;
  /** The call's signal, while the attempt follows it (until `unlink`). */
  #parent: AbortSignal | undefined;
  #watch: StreamAttemptWatch<T> | undefined;
  #seenFirst = false;
  /** The attempt's signal aborted (read per pull; the signal's own getter costs more). */
  #stopped = false;
  #resolve: ((result: IteratorResult<T> | Promise<IteratorResult<T>>) => void) | undefined;
  #reject: ((reason: unknown) => void) | undefined;
  /** Once the stream is under way: what each pull settles with (no promise of its own per item). */
  #handlers: PullHandlers<T> | undefined;

  constructor(parent: AbortSignal, attempt: number, watch: StreamAttemptWatch<T> | undefined) {
    const controller = new AbortController();
    this.#controller = controller;
    this.context = { signal: controller.signal, attempt };
    this.#watch = watch;
    if (parent.aborted) {
      controller.abort(parent.reason);
      this.#stopped = true;
    } else {
      parent.addEventListener('abort', this.#forward, { once: true });
      this.#parent = parent;
    }
  }

  /** Aborts the attempt's signal (not the call's) with `reason`; the pull in flight rejects with it. */
  abort(reason: unknown): void {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#controller.abort(reason);
    this.#settleFailed(this.context.signal.reason);
  }

  /**
   * Stops following the call's signal (idempotent): once the stream is over, an abort of the
   * call's signal (its deadline, the caller) reaches nothing, so a finished stream's connection
   * drains its last bytes and the signal the source holds ends with the attempt.
   */
  unlink(): void {
    const parent = this.#parent;
    if (parent === undefined) return;
    this.#parent = undefined;
    parent.removeEventListener('abort', this.#forward);
  }

  readonly #forward = (): void => {
    const parent = this.#parent!;
    this.#parent = undefined;
    this.abort(parent.reason);
  };

  open(open: (context: AttemptContext) => AsyncIterable<T>): void {
    try {
      this.iterator = open(this.context)[Symbol.asyncIterator]();
    } catch (thrown) {
      throw this.#failed(thrown);
    }
  }

  /** From now on each pull settles with what `handlers` make of the source's result or failure. */
  handleWith(handlers: PullHandlers<T>): void {
    this.#handlers = handlers;
  }

  /** The source's next item; rejects at once when the attempt's signal aborts first. */
  next(): Promise<IteratorResult<T>> {
    if (this.#stopped) {
      const reason: unknown = this.context.signal.reason;
      return this.#handlers ? this.#handlers.failed(reason) : Promise.reject(reason);
    }
    return new Promise<IteratorResult<T>>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
      let step: Promise<IteratorResult<T>>;
      try {
        step = this.iterator!.next();
      } catch (thrown) {
        this.#rejected(thrown);
        return;
      }
      step.then(this.#resolved, this.#rejected);
    });
  }

  readonly #resolved = (result: IteratorResult<T>): void => {
    if (!this.#seenFirst && result.done !== true) {
      this.#seenFirst = true;
      this.#watch?.firstItem?.(result.value, this.context);
    }
    const resolve = this.#resolve;
    if (!resolve) return; // a pull the attempt's abort already settled
    this.#resolve = this.#reject = undefined;
    resolve(this.#handlers ? this.#handlers.received(result) : result);
  };

  readonly #rejected = (thrown: unknown): void => {
    this.#settleFailed(this.#failed(thrown));
  };

  #settleFailed(error: unknown): void {
    const resolve = this.#resolve;
    const reject = this.#reject;
    if (!resolve || !reject) return; // a pull already settled
    this.#resolve = this.#reject = undefined;
    if (this.#handlers) resolve(this.#handlers.failed(error));
    else reject(error);
  }

  #failed(thrown: unknown): unknown {
    const failed = this.#watch?.failed;
    return failed ? failed(thrown, this.context) : thrown;
  }

  /** Closes the source without waiting: one stuck on its own pending `next` would never finish `return`. */
  closeQuietly(): void {
    const { iterator } = this;
    void Promise.resolve()
      .then(() => iterator?.return?.())
      .catch(noop);
  }

  /** Lets the source finish its own work (awaited; its failure is of no interest here). */
  async close(): Promise<void> {
    try {
      await this.iterator?.return?.();
    } catch {
      // The stream's outcome is already decided.
    }
  }
}

/** How a stream's hold by the breaker and the limiter ends. */
interface StreamFinish {
  succeed(end: StreamEnd): void;
  fail(error: LLMError): void;
}

/** An attempt whose first item arrived: the retry policy is done with it. */
interface StartedStream<T> {
  readonly source: AttemptSource<T>;
  readonly first: IteratorResult<T>;
  /** Ends the breaker's and the limiter's hold on the stream with its outcome. */
  finish: StreamFinish;
  /** Settles once the breaker and the limiter have recorded the outcome. */
  recorded: Promise<void>;
}

const RECORDED: Promise<void> = Promise.resolve();

/** A stream no hold was given yet (its limiter's composition sets its own). */
const UNHELD: StreamFinish = { succeed: noop, fail: noop };

/** The error a failed stream ends with (an abort when `signal` fired); its source is aborted and closed. */
function endFailed<T>(
  thrown: unknown,
  signal: AbortSignal,
  providerName: string,
  source: AttemptSource<T>,
): LLMError {
  const error = signal.aborted
    ? abortedError(signal, providerName)
    : toLLMError(thrown, providerName);
  source.abort(error);
  source.closeQuietly();
  return error;
}

/**
 * One attempt: opens its stream and resolves at its first item (within `first_chunk`), the stream
 * held by `hold` until `finish` reports how it ended; a failure before the first item aborts and
 * closes the source, fails `hold` and rejects, so the retry policy around it can try again.
 * Without a `hold` (a limiter's composition holds the stream), `finish` is set by the caller.
 */
async function openAttempt<T>(
  parts: PipelineParts,
  open: (context: AttemptContext) => AsyncIterable<T>,
  options: ExecuteStreamOptions<T>,
  { signal, attempt }: AttemptContext,
  hold: BreakerHold | undefined,
): Promise<StartedStream<T>> {
  const source = new AttemptSource<T>(signal, attempt, options.watch);
  const { firstChunkMs } = parts.timeouts;
  let timer: TimerHandle | undefined;
  try {
    source.open(open);
    if (firstChunkMs !== undefined)
      timer = parts.clock.setTimer(() => {
        const reporting = parts.timeoutReporting(
          'first_chunk',
          firstChunkMs,
          options.model,
          () => attempt,
          options.origin,
        );
        reporting.onTimeout();
        source.abort(reporting.error());
      }, firstChunkMs);
    const first = await source.next();
    return { source, first, finish: hold ?? UNHELD, recorded: RECORDED };
  } catch (thrown) {
    const error = endFailed(thrown, signal, parts.providerName, source);
    source.unlink();
    hold?.fail(error);
    throw error;
  } finally {
    timer?.cancel();
  }
}

/**
 * One attempt under the breaker and the limiter: opens the stream and resolves at its first
 * item, while the breaker's and the limiter's hold lasts until `finish` reports how it ended.
 * Without a limiter the breaker alone holds the stream: admitted now and told the outcome when
 * the stream ends, as its policy would be (no promise held open per attempt).
 */
function startAttempt<T>(
  parts: PipelineParts,
  open: (context: AttemptContext) => AsyncIterable<T>,
  options: ExecuteStreamOptions<T>,
  context: AttemptContext,
): Promise<StartedStream<T>> {
  const policies = parts.policiesFor(options.model);
  const { limiter, holdBreaker } = policies;
  if (limiter) return startLimitedAttempt(parts, open, options, context, policies, limiter);
  let hold: BreakerHold;
  try {
    hold = holdBreaker(options.origin, context.signal);
  } catch (refused) {
    return Promise.reject(refused as Error);
  }
  return openAttempt(parts, open, options, context, hold);
}

/** `startAttempt` under a limiter: the breaker and the limiter composed hold the stream until it ends. */
function startLimitedAttempt<T>(
  parts: PipelineParts,
  open: (context: AttemptContext) => AsyncIterable<T>,
  options: ExecuteStreamOptions<T>,
  context: AttemptContext,
  { breakerPolicy }: ModelPolicies,
  limiter: RateLimiter,
): Promise<StartedStream<T>> {
  const held = composePolicies(
    breakerPolicy,
    limiter.forCall({
      estimatedTokens: options.estimatedTokens,
      actualTokens: (end: StreamEnd) => end.tokens,
    }),
  );
  return new Promise<StartedStream<T>>((resolve, reject) => {
    const holding = held.execute(
      async () => {
        const started = await openAttempt(parts, open, options, context, undefined);
        return new Promise<StreamEnd>((succeed, fail) => {
          started.finish = { succeed, fail };
          started.recorded = holding.then(noop, noop);
          resolve(started);
        });
      },
      context.signal,
      options.origin,
    );
    // Before the first item this hands the failure to the retry policy; after it, it has no effect.
    holding.catch(reject);
  });
}

/**
 * A stream under the pipeline: `retry(breaker(limiter(first chunk)))`, retried (with a fresh
 * `open`) only until its first item reaches the caller; after that an error propagates as it is.
 * The breaker and the limiter hold the stream until it ends or the consumer stops reading.
 *
 * A hand-written iterator rather than an async generator: each item costs one pull of the source
 * and no resumption of a generator of its own. It behaves as the generator did: nothing starts
 * before the first `next()`, calls made while one is in flight wait for it, and `return()` (a
 * `for await` that stops) releases or aborts the attempt before it resolves.
 */
export class PipelineStream<T> implements AsyncIterableIterator<T> {
  readonly #parts: PipelineParts;
  readonly #open: (context: AttemptContext) => AsyncIterable<T>;
  readonly #options: ExecuteStreamOptions<T>;
  readonly #callerSignal: AbortSignal;
  #state: 'new' | 'open' | 'closed' = 'new';
  /** An operation is in flight (`#current`): the next one waits for it. */
  #busy = false;
  #current: Promise<IteratorResult<T>> | undefined;
  #started: StartedStream<T> | undefined;
  #gaps: ChunkGapTimer | undefined;
  #tokens: number | undefined;
  /** The breaker and the limiter were told the outcome (the stream completed or failed). */
  #ended = false;
  /** The item `isLast` names was delivered: the stream ends at the next call. */
  #complete = false;

  constructor(
    parts: PipelineParts,
    open: (context: AttemptContext) => AsyncIterable<T>,
    options: ExecuteStreamOptions<T>,
  ) {
    this.#parts = parts;
    this.#open = open;
    this.#options = options;
    this.#callerSignal = options.signal ?? neverAbortedSignal();
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<T>> {
    if (this.#busy) return this.#after(() => this.next());
    if (this.#state === 'closed') return Promise.resolve(done<T>());
    this.#busy = true;
    if (this.#state === 'new') {
      this.#state = 'open';
      return (this.#current = this.#start());
    }
    if (this.#complete) return (this.#current = this.#close());
    this.#gaps?.waiting();
    return (this.#current = this.#started!.source.next());
  }

  return(): Promise<IteratorResult<T>> {
    if (this.#busy) return this.#after(() => this.return());
    if (this.#state !== 'open') {
      this.#state = 'closed';
      return Promise.resolve(done<T>());
    }
    this.#busy = true;
    return (this.#current = this.#close());
  }

  throw(thrown?: unknown): Promise<IteratorResult<T>> {
    if (this.#busy) return this.#after(() => this.throw(thrown));
    if (this.#state !== 'open') {
      this.#state = 'closed';
      return Promise.reject(thrown as Error);
    }
    this.#busy = true;
    return (this.#current = this.#fail(thrown));
  }

  #after(operation: () => Promise<IteratorResult<T>>): Promise<IteratorResult<T>> {
    return this.#current!.then(operation, operation);
  }

  async #start(): Promise<IteratorResult<T>> {
    const parts = this.#parts;
    const options = this.#options;
    const { retry } = parts.policiesFor(options.model);
    try {
      this.#started = await retry.execute(
        (context) => startAttempt(parts, this.#open, options, context),
        this.#callerSignal,
        options.origin,
      );
    } catch (thrown) {
      this.#state = 'closed';
      this.#busy = false;
      throw thrown;
    }
    const { chunkGapMs } = parts.timeouts;
    if (chunkGapMs !== undefined) {
      const { source } = this.#started;
      this.#gaps = new ChunkGapTimer({
        clock: parts.clock,
        timeoutMs: chunkGapMs,
        onExpired: () => {
          const reporting = parts.timeoutReporting(
            'chunk_gap',
            chunkGapMs,
            options.model,
            undefined,
            options.origin,
          );
          reporting.onTimeout();
          source.abort(reporting.error());
        },
      });
    }
    this.#started.source.handleWith({ received: this.#received, failed: this.#failed });
    return this.#deliver(this.#started.first);
  }

  readonly #received = (
    result: IteratorResult<T>,
  ): IteratorResult<T> | Promise<IteratorResult<T>> => {
    this.#gaps?.received();
    return this.#deliver(result);
  };

  readonly #failed = (thrown: unknown): Promise<IteratorResult<T>> => {
    this.#gaps?.received();
    return this.#fail(thrown);
  };

  /** One result of the source on its way to the consumer. */
  #deliver(result: IteratorResult<T>): IteratorResult<T> | Promise<IteratorResult<T>> {
    const { finish, source } = this.#started!;
    if (result.done === true) {
      this.#ended = true;
      source.unlink();
      finish.succeed({ tokens: this.#tokens });
      return this.#close();
    }
    let last: boolean;
    try {
      this.#tokens = countTokens(this.#options.actualTokens, result.value) ?? this.#tokens;
      last = this.#options.isLast?.(result.value) === true;
    } catch (thrown) {
      return this.#fail(thrown);
    }
    if (!last) {
      this.#busy = false;
      return result;
    }
    // Complete: the source finishes its own work (it is suspended at this item, so `return`
    // settles at once) and nothing is left to abort, however the consumer goes on: the attempt's
    // signal stops following the call's now, so an abort of the call (its deadline, the caller)
    // after the answer cannot cut the connection draining the stream's last bytes.
    this.#ended = true;
    this.#complete = true;
    source.unlink();
    finish.succeed({ tokens: this.#tokens });
    return source.close().then(() => {
      this.#busy = false;
      return result;
    });
  }

  /** The stream failed with `thrown`: the attempt is aborted and the breaker told; rejects with the error. */
  async #fail(thrown: unknown): Promise<never> {
    const { source, finish } = this.#started!;
    this.#ended = true;
    const error = endFailed(thrown, this.#callerSignal, this.#parts.providerName, source);
    finish.fail(error);
    await this.#close();
    throw error;
  }

  /** Ends the stream: a consumer that stopped early releases the attempt (the provider did answer). */
  async #close(): Promise<IteratorResult<T>> {
    const { source, finish, recorded } = this.#started!;
    this.#state = 'closed';
    this.#gaps?.stop();
    if (!this.#ended) {
      // The consumer stopped reading: the provider did answer, so this counts as a success.
      this.#ended = true;
      finish.succeed({ tokens: this.#tokens });
      await source.close();
      source.abort(undefined);
    }
    await recorded;
    source.unlink();
    this.#busy = false;
    return done<T>();
  }
}

/** `executeStream` of a pipeline: see `PipelineStream`. */
export function executeStream<T>(
  parts: PipelineParts,
  open: (context: AttemptContext) => AsyncIterable<T>,
  options: ExecuteStreamOptions<T> = {},
): PipelineStream<T> {
  return new PipelineStream(parts, open, options);
}
