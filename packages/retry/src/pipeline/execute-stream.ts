import { toLLMError, type LLMError } from '@llm/core';
import type { AttemptContext } from '../policy/policy';
import { abortedError } from '../signal/aborted-error';
import {
  linkAbortController,
  neverAbortedSignal,
  type LinkedAbortController,
} from '../signal/linked-abort-controller';
import { runWithRetries } from '../retry/run-with-retries';
import { nextWithin } from '../timeout/next-within';
import type { AttemptPass } from './attempt-pass';
import { retryRun, safeTokens, timeoutReporting, type PipelineContext } from './pipeline-context';

export interface ExecuteStreamOptions<T> {
  readonly signal?: AbortSignal;
  readonly model?: string;
  readonly estimatedTokens?: number;
  /** Read from each item; the last defined value is the stream's usage (streams report it at the end). */
  readonly actualTokens?: (item: T) => number | undefined;
}

interface StartedStream<T> {
  readonly iterator: AsyncIterator<T>;
  readonly first: IteratorResult<T>;
  readonly pass: AttemptPass;
  readonly link: LinkedAbortController;
}

function closeQuietly<T>(iterator: AsyncIterator<T> | undefined): void {
  // Not awaited: a source stuck on its own pending `next` would never finish `return`.
  void Promise.resolve()
    .then(() => iterator?.return?.())
    .catch(() => undefined);
}

/**
 * Ends a failed stream: the error (an abort when `signal` fired) is reported to the pass, then the
 * source is aborted and closed. Returns the error to throw.
 */
function failAttempt<T>(
  thrown: unknown,
  signal: AbortSignal,
  providerName: string,
  stream: Pick<StartedStream<T>, 'pass' | 'link'> & { iterator?: AsyncIterator<T> },
): LLMError {
  const error = signal.aborted
    ? abortedError(signal, providerName)
    : toLLMError(thrown, providerName);
  stream.pass.fail(error, signal);
  if (!stream.link.signal.aborted) stream.link.abort(error);
  closeQuietly(stream.iterator);
  return error;
}

/** Opens the stream and waits for its first item: the only part that is retried. */
async function start<T>(
  context: PipelineContext,
  open: (context: AttemptContext) => AsyncIterable<T>,
  options: ExecuteStreamOptions<T>,
  signal: AbortSignal,
): Promise<StartedStream<T>> {
  const { clock, timeouts } = context;
  return runWithRetries(
    async ({ signal: attemptSignal, attempt }) => {
      const pass = await context.guards.enter(
        options.model,
        attemptSignal,
        options.estimatedTokens,
      );
      const link = linkAbortController(attemptSignal);
      let iterator: AsyncIterator<T> | undefined;
      try {
        iterator = open({ signal: link.signal, attempt })[Symbol.asyncIterator]();
        const reporting = timeoutReporting(
          context,
          'first_chunk',
          timeouts.firstChunkMs,
          options.model,
          attempt,
        );
        const first = await nextWithin(iterator, {
          clock,
          timeoutMs: timeouts.firstChunkMs,
          controller: link,
          ...reporting,
        });
        return { iterator, first, pass, link };
      } catch (thrown) {
        const error = failAttempt(thrown, attemptSignal, context.providerName, {
          pass,
          link,
          iterator,
        });
        link.dispose();
        throw error;
      }
    },
    retryRun(context, signal, options.model),
  );
}

/**
 * A stream under the pipeline: retried (with a fresh `open`) only until its first item reaches
 * the caller; after that an error propagates as it is. The concurrency permit is held until the
 * stream ends or the consumer stops reading.
 */
export async function* executeStream<T>(
  context: PipelineContext,
  open: (context: AttemptContext) => AsyncIterable<T>,
  options: ExecuteStreamOptions<T> = {},
): AsyncGenerator<T, void, undefined> {
  const callerSignal = options.signal ?? neverAbortedSignal();
  const { iterator, first, pass, link } = await start(context, open, options, callerSignal);
  const gap = timeoutReporting(context, 'chunk_gap', context.timeouts.chunkGapMs, options.model);
  let result = first;
  let tokens: number | undefined;
  let ended = false;
  try {
    while (!result.done) {
      tokens = safeTokens(options.actualTokens, result.value) ?? tokens;
      yield result.value;
      result = await nextWithin(iterator, {
        clock: context.clock,
        timeoutMs: context.timeouts.chunkGapMs,
        controller: link,
        ...gap,
      });
    }
    ended = true;
    pass.succeed(tokens);
  } catch (thrown) {
    ended = true;
    throw failAttempt(thrown, callerSignal, context.providerName, { pass, link, iterator });
  } finally {
    if (!ended) {
      // The consumer stopped reading: the provider did answer, so this counts as a success.
      pass.succeed(tokens);
      await Promise.resolve(iterator.return?.()).catch(() => undefined);
      if (!link.signal.aborted) link.abort(undefined);
    }
    link.dispose();
  }
}
