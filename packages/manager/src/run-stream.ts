import {
  estimateUsage,
  LLMError,
  LLMErrorType,
  toLLMError,
  type LLMRequest,
  type LLMStreamChunk,
  type TokenUsage,
} from '@llm/core';
import type { AttemptContext, ExecuteStreamOptions } from '@llm/retry';
import type { StreamRecovery } from '@llm/router';
import { timeToFirstChunk, type CallAttemptState } from './call-attempt';
import { CallSession, type CallServices, type ManagerCallOptions } from './call-session';
import type { ManagerSnapshot } from './manager-snapshot';
import { CHAT_CHECKS, RoutedAttempts, tokensToReserve, type EnteredStep } from './routed-attempts';

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
): AsyncIterableIterator<LLMStreamChunk> {
  const session = new CallSession(services, snapshot, raw, options, 'chat', true);
  return new ManagedStream(session, services, snapshot, raw, options);
}

const finishTokens = (chunk: LLMStreamChunk): number | undefined =>
  chunk.type === 'finish' ? chunk.usage.total_tokens : undefined;
const isFinish = (chunk: LLMStreamChunk): boolean => chunk.type === 'finish';
const done = (): IteratorResult<LLMStreamChunk> => ({ done: true, value: undefined });

/** What the next pull does once the chunks held for the consumer are out. */
type Then = 'pull' | 'next-step' | 'end';

/**
 * The stream `runStream` returns: a hand-written iterator rather than an async generator, so that
 * a chunk costs one pull of the deployment's pipeline stream and nothing else (no resumption of a
 * generator of its own, no layer per attempt around the provider's chunks: the pipeline tells the
 * call session of each attempt's first chunk and failures through its `watch`). It behaves as the
 * generator did: nothing is sent before the first `next()`; a call made while one is in flight
 * waits for it; `return()` (a `for await` that stops, or whose body throws) cancels the provider
 * request and records the attempt `aborted`, or, after the finish, only releases it. `throw()` ends
 * the stream as `return()` does, then rejects with what it was given.
 */
class ManagedStream implements AsyncIterableIterator<LLMStreamChunk> {
  #state: 'new' | 'open' | 'closed' = 'new';
  #busy = false;
  #current: Promise<IteratorResult<LLMStreamChunk>> | undefined;
  #attempts: RoutedAttempts<LLMRequest> | undefined;
  #recovery: StreamRecovery = 'error';
  /** The answer is recorded (or the call's failure is being): no attempt fails after this. */
  #settled = false;
  /** The model of the attempt in progress; set once the request is known to be valid. */
  #model = '';
  /** Text of the step in progress (what its records estimate from when it fails). */
  #text = '';
  /** Chunks of this step the caller has seen (held back instead in `buffer` mode). */
  #shown = false;
  #held: LLMStreamChunk[] = [];
  /** Chunks to hand out before anything else (a `restart`; held chunks and the finish). */
  #outbox: LLMStreamChunk[] = [];
  #then: Then = 'pull';
  #chunks: AsyncIterator<LLMStreamChunk> | undefined;
  /** Every attempt the pipeline opened in this call, with the context it opened it with. */
  readonly #opened: Array<{
    readonly context: AttemptContext;
    readonly attempt: CallAttemptState;
  }> = [];

  constructor(
    private readonly session: CallSession,
    private readonly services: CallServices,
    private readonly snapshot: ManagerSnapshot,
    private readonly raw: LLMRequest,
    private readonly options: ManagerCallOptions,
  ) {}

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<LLMStreamChunk>> {
    if (this.#busy) return this.#after(() => this.next());
    if (this.#state === 'closed') return Promise.resolve(done());
    if (this.#outbox.length > 0)
      return Promise.resolve({ done: false, value: this.#outbox.shift()! });
    this.#busy = true;
    if (this.#state === 'new') {
      this.#state = 'open';
      return (this.#current = this.#begin());
    }
    if (this.#then === 'pull') return (this.#current = this.#pull());
    return (this.#current = this.#then === 'end' ? this.#stop() : this.#nextStep());
  }

  return(): Promise<IteratorResult<LLMStreamChunk>> {
    if (this.#busy) return this.#after(() => this.return());
    if (this.#state !== 'open') {
      this.#state = 'closed';
      return Promise.resolve(done());
    }
    this.#busy = true;
    return (this.#current = this.#stop());
  }

  throw(thrown?: unknown): Promise<IteratorResult<LLMStreamChunk>> {
    const reject = () => Promise.reject(thrown as Error);
    return this.return().then(reject, reject);
  }

  #after(
    operation: () => Promise<IteratorResult<LLMStreamChunk>>,
  ): Promise<IteratorResult<LLMStreamChunk>> {
    return this.#current!.then(operation, operation);
  }

  #estimate(): TokenUsage | undefined {
    return this.#text ? estimateUsage(this.raw, { text: this.#text }, this.#model) : undefined;
  }

  /** Opens the call's route and enters its first step (not an async function: `#nextStep` is one). */
  #begin(): Promise<IteratorResult<LLMStreamChunk>> {
    try {
      this.#attempts = RoutedAttempts.open<LLMRequest>(
        this.session,
        this.services,
        this.snapshot,
        this.raw,
        this.options,
        CHAT_CHECKS,
      );
      this.#recovery = this.#attempts.route.plan.route.streamRecovery;
    } catch (thrown) {
      return this.#fatal(thrown);
    }
    return this.#nextStep();
  }

  /** Enters the route's next step and pulls its first chunk; the route's end is the call's failure. */
  async #nextStep(): Promise<IteratorResult<LLMStreamChunk>> {
    let step: EnteredStep<LLMRequest>;
    try {
      step = await this.#attempts!.next();
    } catch (thrown) {
      return this.#fatal(thrown);
    }
    this.#model = step.model;
    this.#shown = false;
    this.#text = '';
    this.#held = [];
    this.#then = 'pull';
    try {
      this.#chunks = this.#open(step)[Symbol.asyncIterator]();
    } catch (thrown) {
      return this.#failure(thrown);
    }
    return this.#pull();
  }

  /** The step's chunks: its deployment's pipeline stream, each attempt reported to the session. */
  #open(step: EnteredStep<LLMRequest>): AsyncIterable<LLMStreamChunk> {
    const { session } = this;
    const { entry, request: sent, key } = step;
    const attemptOf = (context: AttemptContext) =>
      this.#opened.findLast((opened) => opened.context === context)?.attempt;
    const estimate = () => this.#estimate();
    const options: ExecuteStreamOptions<LLMStreamChunk> = {
      signal: step.signal,
      model: step.model,
      estimatedTokens: tokensToReserve(this.snapshot, entry, sent),
      actualTokens: finishTokens,
      isLast: isFinish,
      origin: session.context,
      watch: {
        firstItem: (_chunk, context) => {
          const attempt = attemptOf(context);
          if (attempt) session.firstChunk(attempt);
        },
        failed: (thrown, context) =>
          session.attemptThrew(attemptOf(context), thrown, context.signal, estimate),
      },
    };
    return entry.pipeline.executeStream<LLMStreamChunk>((context) => {
      // One provider request, reported like `sendAttempt`: opened when the pipeline pulls.
      this.#opened.push({ context, attempt: session.beginAttempt() });
      return entry.provider.streamCompletion(sent, session.attemptOptions(context, key));
    }, options);
  }

  #pull(): Promise<IteratorResult<LLMStreamChunk>> {
    return this.#chunks!.next().then(this.#received, this.#failure);
  }

  readonly #received = (
    result: IteratorResult<LLMStreamChunk>,
  ): IteratorResult<LLMStreamChunk> | Promise<IteratorResult<LLMStreamChunk>> => {
    // The pipeline ended without a finish: nothing answered, as when the consumer stops.
    if (result.done === true) return this.#stop();
    const chunk = result.value;
    if (chunk.type === 'finish') return this.#finish(chunk);
    if (chunk.type === 'text-delta') this.#text += chunk.delta;
    if (this.#recovery === 'buffer') {
      this.#held.push(chunk);
      return this.#pull();
    }
    this.#shown = true;
    this.#busy = false;
    return result;
  };

  /** The answer is complete: priced and recorded once, then the held chunks and the finish go out. */
  async #finish(
    chunk: Extract<LLMStreamChunk, { type: 'finish' }>,
  ): Promise<IteratorResult<LLMStreamChunk>> {
    const { session } = this;
    try {
      this.#attempts!.succeeded(timeToFirstChunk(session.openAttempt));
      const usage = session.price(chunk.usage);
      this.#settled = true;
      await session.recordSuccess(usage, chunk.metadata?.request_id, undefined, {
        response_model: chunk.model,
        finish_reason: chunk.finish_reason,
        content: this.#text,
      });
      this.#outbox = this.#held;
      this.#held = [];
      this.#outbox.push({
        ...chunk,
        usage,
        metadata: {
          ...chunk.metadata,
          attempts: session.responseAttempts(),
          attempt_count: session.attemptCount,
          call_id: session.callId,
        },
      });
    } catch (thrown) {
      // As a `for await` whose body throws: the pipeline stream is closed first.
      await this.#chunks?.return?.();
      return this.#failure(thrown);
    }
    this.#then = 'end';
    this.#busy = false;
    return { done: false, value: this.#outbox.shift()! };
  }

  /**
   * The step's stream failed with `thrown` (or its answer could not be recorded): the recovery mode
   * decides whether the call ends here, restarts on the next candidate, or moves on unseen.
   */
  readonly #failure = (thrown: unknown): Promise<IteratorResult<LLMStreamChunk>> => {
    // A failure after the answer was recorded is no attempt's failure.
    if (this.#settled) return this.#fatal(thrown);
    const attempts = this.#attempts!;
    const estimated = this.#estimate();
    if (this.#shown && this.#recovery === 'error') {
      // Part of the answer reached the caller: it ends with a typed error, never a finish.
      const error = attempts.failed(thrown, estimated, { moveOn: false });
      return this.#fatal(
        error.with({
          details: { ...error.details, partial_text: this.#text },
          attempts: this.session.errorAttempts(),
        }),
      );
    }
    const error = attempts.failed(thrown, estimated);
    if (this.#shown && attempts.hasNext) {
      this.#then = 'next-step';
      this.#busy = false;
      return Promise.resolve({
        done: false,
        value: { type: 'restart', reason: error.type, attempt: attempts.nextAttempt },
      });
    }
    return this.#nextStep();
  };

  /** The call failed: its failure is priced and recorded, and the stream rejects with it. */
  async #fatal(thrown: unknown): Promise<never> {
    const { session } = this;
    try {
      const error = toLLMError(thrown, session.providerLabel);
      this.#settled = true;
      const usage = session.priceFailure(error.usage);
      await session.recordFailure(error, usage);
      throw usage ? error.with({ usage }) : error;
    } finally {
      this.#attempts?.dispose();
      this.#state = 'closed';
      this.#busy = false;
    }
  }

  /**
   * The stream ends: the step's pipeline stream is closed (the provider request cancelled, or
   * released after the finish); a call that did not settle is recorded as stopped.
   */
  async #stop(): Promise<IteratorResult<LLMStreamChunk>> {
    try {
      await this.#chunks?.return?.();
    } finally {
      this.#attempts?.dispose();
      this.#state = 'closed';
      if (!this.#settled) {
        // The consumer stopped early (break/return): record what we know.
        this.#settled = true;
        await recordStopped(this.session, this.#estimate());
      }
      this.#busy = false;
    }
    return done();
  }
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
