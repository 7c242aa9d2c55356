import { relayAbort, toLLMError, type AbortRelay, type LLMError } from '@llm/core';
import { abortedError, neverAbortedSignal } from './abort-signals';
import { composePolicies, type AttemptContext } from './resilience-pipeline';
import { countTokens } from './rate-limit/rate-limiter';
import type { PipelineParts } from './resilience-pipeline';
import { nextWithin, watchChunkGaps } from './timeout-policy';

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
}

/** How a stream ended, as the breaker and the limiter holding it learn it. */
interface StreamEnd {
  readonly tokens?: number;
}

/** An attempt whose first item arrived: the retry policy is done with it. */
interface StartedStream<T> {
  readonly iterator: AsyncIterator<T>;
  readonly first: IteratorResult<T>;
  readonly link: AbortRelay;
  /** Ends the breaker's and the limiter's hold on the stream with its outcome. */
  readonly finish: { succeed(end: StreamEnd): void; fail(error: LLMError): void };
  /** Settles once the breaker and the limiter have recorded the outcome. */
  readonly recorded: Promise<void>;
}

function closeQuietly<T>(iterator: AsyncIterator<T> | undefined): void {
  // Not awaited: a source stuck on its own pending `next` would never finish `return`.
  void Promise.resolve()
    .then(() => iterator?.return?.())
    .catch(() => undefined);
}

/** The error a failed stream ends with (an abort when `signal` fired); its source is aborted and closed. */
function endFailed<T>(
  thrown: unknown,
  signal: AbortSignal,
  providerName: string,
  link: AbortRelay,
  iterator: AsyncIterator<T> | undefined,
): LLMError {
  const error = signal.aborted
    ? abortedError(signal, providerName)
    : toLLMError(thrown, providerName);
  if (!link.signal.aborted) link.abort(error);
  closeQuietly(iterator);
  return error;
}

/**
 * One attempt under the breaker and the limiter: opens the stream and resolves at its first
 * item, while the breaker's and the limiter's hold lasts until `finish` reports how it ended.
 * A failure before the first item rejects, so the retry policy around it can try again.
 */
function startAttempt<T>(
  parts: PipelineParts,
  open: (context: AttemptContext) => AsyncIterable<T>,
  options: ExecuteStreamOptions<T>,
  { signal, attempt }: AttemptContext,
): Promise<StartedStream<T>> {
  const { breakerPolicy, limiter } = parts.policiesFor(options.model);
  const held = composePolicies(
    breakerPolicy,
    ...(limiter
      ? [
          limiter.forCall({
            estimatedTokens: options.estimatedTokens,
            actualTokens: (end: StreamEnd) => end.tokens,
          }),
        ]
      : []),
  );
  const { firstChunkMs } = parts.timeouts;
  return new Promise<StartedStream<T>>((resolve, reject) => {
    const holding = held.execute(
      async () => {
        const link = relayAbort(signal);
        let iterator: AsyncIterator<T> | undefined;
        let first: IteratorResult<T>;
        try {
          iterator = open({ signal: link.signal, attempt })[Symbol.asyncIterator]();
          first = await nextWithin(iterator, {
            clock: parts.clock,
            timeoutMs: firstChunkMs,
            controller: link,
            ...parts.timeoutReporting(
              'first_chunk',
              firstChunkMs,
              options.model,
              () => attempt,
              options.origin,
            ),
          });
        } catch (thrown) {
          const error = endFailed(thrown, signal, parts.providerName, link, iterator);
          link.unlink();
          throw error;
        }
        const started = iterator;
        return new Promise<StreamEnd>((succeed, fail) =>
          resolve({
            iterator: started,
            first,
            link,
            finish: { succeed, fail },
            recorded: holding.then(
              () => undefined,
              () => undefined,
            ),
          }),
        );
      },
      signal,
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
 */
export async function* executeStream<T>(
  parts: PipelineParts,
  open: (context: AttemptContext) => AsyncIterable<T>,
  options: ExecuteStreamOptions<T> = {},
): AsyncGenerator<T, void, undefined> {
  const callerSignal = options.signal ?? neverAbortedSignal();
  const { retry } = parts.policiesFor(options.model);
  const { iterator, first, link, finish, recorded } = await retry.execute(
    (context) => startAttempt(parts, open, options, context),
    callerSignal,
    options.origin,
  );
  const { chunkGapMs } = parts.timeouts;
  const gaps = watchChunkGaps({
    clock: parts.clock,
    timeoutMs: chunkGapMs,
    controller: link,
    ...parts.timeoutReporting('chunk_gap', chunkGapMs, options.model, undefined, options.origin),
  });
  let result = first;
  let tokens: number | undefined;
  let ended = false;
  try {
    while (!result.done) {
      tokens = countTokens(options.actualTokens, result.value) ?? tokens;
      if (options.isLast?.(result.value) === true) {
        // Complete: the source finishes its own work (it is suspended at this item, so `return`
        // settles at once) and nothing is left to abort, however the consumer goes on.
        ended = true;
        finish.succeed({ tokens });
        await Promise.resolve(iterator.return?.()).catch(() => undefined);
        yield result.value;
        return;
      }
      yield result.value;
      result = await gaps.next(iterator);
    }
    ended = true;
    finish.succeed({ tokens });
  } catch (thrown) {
    ended = true;
    const error = endFailed(thrown, callerSignal, parts.providerName, link, iterator);
    finish.fail(error);
    throw error;
  } finally {
    gaps.stop();
    if (!ended) {
      // The consumer stopped reading: the provider did answer, so this counts as a success.
      finish.succeed({ tokens });
      await Promise.resolve(iterator.return?.()).catch(() => undefined);
      if (!link.signal.aborted) link.abort(undefined);
    }
    await recorded;
    link.unlink();
  }
}
