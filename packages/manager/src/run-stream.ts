import {
  estimateUsage,
  LLMError,
  LLMErrorType,
  toLLMError,
  type CallOptions,
  type LLMRequest,
  type LLMStreamChunk,
  type TokenUsage,
} from '@llm/core';
import type { AttemptContext } from '@llm/retry';
import type { PooledKey } from '@llm/router';
import { timeToFirstChunk, type CallAttemptState } from './call-attempt';
import { CallSession, type CallServices, type ManagerCallOptions } from './call-session';
import type { ManagerSnapshot } from './manager-snapshot';
import { CHAT_CHECKS, RoutedAttempts, tokensToReserve } from './routed-attempts';

/**
 * One streaming chat call, routed like `runChat`. Before the first chunk reaches the caller a
 * failed attempt moves on invisibly; after it, the route's `stream_recovery` decides: `error` ends
 * with the typed error carrying the partial text (`details.partial_text`), never a finish;
 * `restart` yields a `restart` chunk and streams the whole answer from the next candidate (the
 * original messages again); `buffer` holds every chunk until the answer is complete. The `finish`
 * chunk's usage is priced. Each provider request gets its ledger record whether the stream
 * finishes, fails, or the consumer stops.
 */
export function runStream(
  services: CallServices,
  snapshot: ManagerSnapshot,
  raw: LLMRequest,
  options: ManagerCallOptions = {},
): AsyncIterable<LLMStreamChunk> {
  const session = new CallSession(services, snapshot, raw, options, 'chat', true);
  return stream(session, services, snapshot, raw, options);
}

async function* stream(
  session: CallSession,
  services: CallServices,
  snapshot: ManagerSnapshot,
  raw: LLMRequest,
  options: ManagerCallOptions,
): AsyncGenerator<LLMStreamChunk, void, undefined> {
  let settled = false;
  // The model of the attempt in progress; set once the request is known to be valid.
  let model = '';
  let attemptText = '';
  const estimate = (text: string) => estimateUsage(raw, { text }, model);

  let attempts: RoutedAttempts<LLMRequest> | undefined;
  try {
    attempts = RoutedAttempts.open<LLMRequest>(
      session,
      services,
      snapshot,
      raw,
      options,
      CHAT_CHECKS,
    );
    const recovery = attempts.route.plan.route.streamRecovery;
    for (;;) {
      const step = await attempts.next();
      model = step.model;
      // Chunks of this attempt the caller has seen (held back instead in `buffer` mode).
      let shown = false;
      attemptText = '';
      const held: LLMStreamChunk[] = [];
      try {
        const { entry, request: sent, key } = step;
        const chunks = entry.pipeline.executeStream<LLMStreamChunk>(
          (attempt) =>
            streamAttempt(
              session,
              attempt,
              key,
              (callOptions) => entry.provider.streamCompletion(sent, callOptions),
              () => (attemptText ? estimate(attemptText) : undefined),
            ),
          {
            signal: step.signal,
            model,
            estimatedTokens: tokensToReserve(snapshot, entry, sent),
            actualTokens: (chunk) =>
              chunk.type === 'finish' ? chunk.usage.total_tokens : undefined,
            isLast: (chunk) => chunk.type === 'finish',
            origin: session.context,
          },
        );
        for await (const chunk of chunks) {
          if (chunk.type !== 'finish') {
            if (chunk.type === 'text-delta') attemptText += chunk.delta;
            if (recovery === 'buffer') held.push(chunk);
            else {
              shown = true;
              yield chunk;
            }
            continue;
          }
          attempts.succeeded(timeToFirstChunk(session.openAttempt));
          const usage = session.price(chunk.usage);
          settled = true;
          await session.recordSuccess(usage, chunk.metadata?.request_id, undefined, {
            response_model: chunk.model,
            finish_reason: chunk.finish_reason,
            content: attemptText,
          });
          yield* held;
          yield {
            ...chunk,
            usage,
            metadata: {
              ...chunk.metadata,
              attempts: session.responseAttempts(),
              attempt_count: session.attemptCount,
              call_id: session.callId,
            },
          };
          return;
        }
        return;
      } catch (thrown) {
        // A failure after the answer was recorded is no attempt's failure.
        if (settled) throw thrown;
        const estimated = attemptText ? estimate(attemptText) : undefined;
        if (shown && recovery === 'error') {
          // Part of the answer reached the caller: it ends with a typed error, never a finish.
          const error = attempts.failed(thrown, estimated, { moveOn: false });
          throw error.with({
            details: { ...error.details, partial_text: attemptText },
            attempts: session.errorAttempts(),
          });
        }
        const error = attempts.failed(thrown, estimated);
        if (shown && attempts.hasNext)
          yield { type: 'restart', reason: error.type, attempt: attempts.nextAttempt };
      }
    }
  } catch (thrown) {
    const error = toLLMError(thrown, session.providerLabel);
    settled = true;
    const usage = session.priceFailure(error.usage);
    await session.recordFailure(error, usage);
    throw usage ? error.with({ usage }) : error;
  } finally {
    attempts?.dispose();
    if (!settled) {
      // The consumer stopped early (break/return): the provider request is cancelled; record what we know.
      settled = true;
      await recordStopped(session, attemptText ? estimate(attemptText) : undefined);
    }
  }
}

/**
 * One streamed provider request of the step in progress, reported like `sendAttempt`: opened on
 * the first pull; a stream that fails is recorded with its reported usage, else `estimateSent()`
 * (what it sent). A plain iterator, not a generator: each chunk passes with one property check.
 */
function streamAttempt<Chunk>(
  session: CallSession,
  context: AttemptContext,
  key: PooledKey | undefined,
  open: (options: CallOptions) => AsyncIterable<Chunk>,
  estimateSent: () => TokenUsage | undefined,
): AsyncIterable<Chunk> {
  return {
    [Symbol.asyncIterator]: () => {
      let attempt: CallAttemptState | undefined;
      let source: AsyncIterator<Chunk> | undefined;
      let done = false;
      return {
        next: async (): Promise<IteratorResult<Chunk>> => {
          if (done) return { done: true, value: undefined };
          try {
            if (!source) {
              attempt = session.beginAttempt();
              source = open(session.attemptOptions(context, key))[Symbol.asyncIterator]();
            }
            const step = await source.next();
            if (step.done) done = true;
            else if (attempt!.firstChunkAt === undefined) session.firstChunk(attempt!);
            return step;
          } catch (thrown) {
            done = true;
            throw session.attemptThrew(attempt, thrown, context.signal, estimateSent);
          }
        },
        return: async (): Promise<IteratorResult<Chunk>> => {
          done = true;
          await source?.return?.();
          return { done: true, value: undefined };
        },
      };
    },
  };
}

/** The consumer stopped reading the stream before it finished: recorded as `aborted`. */
async function recordStopped(
  session: CallSession,
  estimate: TokenUsage | undefined,
): Promise<void> {
  const stopped = new LLMError({
    type: LLMErrorType.UNKNOWN_ERROR,
    code: 'aborted',
    message: 'The consumer stopped reading the stream before it finished.',
    providerName: session.providerLabel,
    model: session.modelLabel,
    retryable: false,
  });
  session.closeOpenAttempt(stopped, estimate);
  await session.recordFailure(stopped);
}
