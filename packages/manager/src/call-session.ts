import { randomBytes } from 'node:crypto';
import {
  LLMError,
  omitKeys,
  UsageTagsSchema,
  validationError,
  type CallAttempt,
  type CallOptions,
  type Clock,
  type EmbeddingRequest,
  type LLMErrorAttempt,
  type LLMRequest,
  type StreamEventSkippedInfo,
  type TokenUsage,
  type UsageTags,
  type ValidationResult,
} from '@llm/core';
import type { AttemptContext } from '@llm/retry';
import type { PooledKey, RouteStep, RoutingStrategyName, StreamRecovery } from '@llm/router';
import type { BudgetReservation, ReservableRequest } from '@llm/usage';
import type {
  AttemptEndEvent,
  AttemptStartEvent,
  CallEventContext,
  CallStartEvent,
  CallOperation,
  ManagerEventSink,
  ManagerEvents,
} from './manager-events';
import type { ManagerSnapshot } from './manager-snapshot';
import type { ProviderEntry } from './provider-runtime';
import {
  attemptEndEvent,
  attemptError,
  errorAttempt,
  responseAttempt,
  type CallAttemptState,
} from './call-attempt';
import {
  attemptOutcome,
  callEndEvent,
  failureOutcome,
  recordCost,
  recordFacts,
  type AnswerFacts,
  type RecordOutcome,
} from './call-records';
import { failureKind } from './request-checks';
import { selectProvider } from './route-call';
import type { UsageAccounting } from './usage-accounting';

// A call's ids are UUID-shaped (8-4-4-4-12 lowercase hex, version 4, RFC 4122 variant): 74 random
// bits drawn once per process and a 48-bit counter. Unique within the process by the counter and
// across processes by the random part, at a fraction of `randomUUID`'s cost (which builds each id
// from 16 fresh bytes, two per call). The ids name calls; they are no secret.
const ID_BASE = randomBytes(10).toString('hex');
const ID_PREFIX = `${ID_BASE.slice(0, 8)}-${ID_BASE.slice(8, 12)}-4${ID_BASE.slice(12, 15)}-${((parseInt(ID_BASE[15]!, 16) & 0x3) | 0x8).toString(16)}${ID_BASE.slice(16, 19)}-`;
const ID_COUNTER_START = parseInt(ID_BASE.slice(19, 20), 16) * 2 ** 40;
let idsIssued = 0;

/** A new id for a call or its request, in the form of a version-4 UUID. */
export function newCallId(): string {
  const counter = (ID_COUNTER_START + idsIssued++) % 2 ** 48;
  return ID_PREFIX + counter.toString(16).padStart(12, '0');
}

const SETTLED: Promise<void> = Promise.resolve();

/** A non-empty string, else undefined: what a malformed request may hold in `model` or `provider`. */
function nameIn(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * The live identity of a running call: the deployment and attempt change as it proceeds. The
 * pipelines and the router are shared by every call of a provider, so the call hands this to them
 * as the `origin` of what it runs; their events carry it back, and `callFieldsOf` turns it into
 * the fields the manager's events name the call with. (An explicit value rather than an async
 * context: entering an AsyncLocalStorage makes Node track every promise of the process.)
 */
export class LiveCallContext {
  provider?: string;
  model?: string;
  attempt?: number;

  constructor(
    readonly call_id: string,
    readonly request_id: string,
  ) {}
}

/** The call an event's `origin` names, as the fields the event carries; empty for no call. */
export function callFieldsOf(origin: unknown): CallEventContext {
  if (!(origin instanceof LiveCallContext)) return {};
  return {
    call_id: origin.call_id,
    request_id: origin.request_id,
    ...(origin.provider === undefined ? {} : { provider: origin.provider }),
    ...(origin.model === undefined ? {} : { model: origin.model }),
    ...(origin.attempt === undefined ? {} : { attempt: origin.attempt }),
  };
}

/** Options of one manager call: the provider's CallOptions plus attribution tags and routing overrides. */
export interface ManagerCallOptions extends CallOptions {
  /** Labels recorded with the usage (merged over `request.tags`). */
  tags?: UsageTags;
  /** Our id for this call's request, written to the ledger; generated when absent. */
  requestId?: string;
  /**
   * The id every ledger record and event of this call carries (`call_id`); generated when absent.
   * Give your own to tie the call to something of yours (a conversation turn, an agent step).
   */
  callId?: string;
  /** Tried in order after the model's own deployments, instead of the configured `fallbacks`. */
  fallbacks?: string[];
  /** The routing strategy of this call, instead of the model's or `[llm.routing]`'s. */
  strategy?: RoutingStrategyName;
  /** What a stream does when it fails after its first chunk, instead of the configured one. */
  streamRecovery?: StreamRecovery;
}

/** What a call uses besides its snapshot; fixed for the life of the manager. */
export interface CallServices {
  readonly accounting: UsageAccounting;
  readonly clock: Clock;
  /**
   * Where the call's events go (`call-start`, `attempt-start`, …): the manager itself. Its
   * `listenerCount` says whether anyone listens: a payload nobody reads is never built.
   */
  readonly events: ManagerEventSink;
  /** Told of every failed provider request (the deployment health the router reads). */
  readonly onAttemptFailed?: (provider: string, model: string, kind: string) => void;
  /**
   * How many `call-end` listeners drop an answered call unread (the log subscriber below `debug`):
   * an answered call's `call-end` is built only when another listener is left.
   */
  readonly callEndListenersDroppingAnswers?: () => number;
}

/** The manager's own call options, which a provider never gets. */
const MANAGER_OPTIONS: ReadonlySet<string> = new Set([
  'fallbacks',
  'strategy',
  'streamRecovery',
  'tags',
  'requestId',
  'callId',
]);

/** The caller's options without the manager's own. */
function providerOptionsOf(options: ManagerCallOptions): CallOptions {
  // A call without options (the common case) has nothing to copy.
  for (const _key in options) return omitKeys(options, MANAGER_OPTIONS) as CallOptions;
  return options;
}

/**
 * One call from its arrival to its last ledger record: validates the request before anything reads
 * it, follows it across deployments (a reload does not move it), reports each provider request as
 * `attempt-start` / `attempt-end`, and writes one record per attempt that reached a provider
 * (sharing the call's `call_id`, `final: true` on the one that ended the call), or one record for
 * a call refused before any.
 */
export class CallSession {
  readonly callId: string;
  readonly requestId: string;
  readonly startedAt: number;
  /** The `origin` this call gives the pipelines and the router, so their events name it. */
  readonly context: LiveCallContext;
  private routed: ProviderEntry | undefined;
  private callTags: UsageTags | undefined;
  private providerName: string;
  private model: string;
  private readonly requestedModel: string | undefined;
  private budgetReserved = false;
  private reservation: BudgetReservation | undefined;
  /** Every provider request, in order. */
  private readonly attempts: CallAttemptState[] = [];
  /** Provider requests on the deployment being tried, and the most the call may still make. */
  private stepRequests = 0;
  private requestLimit = Number.POSITIVE_INFINITY;
  /** Failed attempts whose record waits for the next attempt (then not final) or the end of the call. */
  private unwritten: CallAttemptState | undefined;
  private readonly writes: Promise<void>[] = [];
  /** The exact cost of every priced record of the call, with its currency (summed for call-end). */
  private readonly costs: Array<readonly [currency: string, cost: string]> = [];
  /** The request the deployment being tried gets (attempt-start's `request`). */
  private sent: AttemptStartEvent['request'];
  /** The caller's options as every attempt passes them to the provider (without the manager's own). */
  private readonly providerOptions: CallOptions;
  private skippedEventHook: ((info: StreamEventSkippedInfo) => void) | undefined;
  private firstChunkOfCall: number | undefined;
  private ended = false;

  constructor(
    private readonly services: CallServices,
    private readonly snapshot: ManagerSnapshot,
    raw: unknown,
    private readonly options: ManagerCallOptions,
    readonly operation: CallOperation,
    readonly stream = false,
  ) {
    const fields = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
    // Until the request is known to be valid, the record names what it can: never a non-string.
    this.providerName = nameIn(fields['provider']) ?? '(none)';
    this.requestedModel = nameIn(fields['model']);
    this.model = this.requestedModel ?? '(invalid)';
    this.requestId = nameIn(options.requestId) ?? newCallId();
    this.callId = nameIn(options.callId) ?? newCallId();
    this.callTags =
      options.tags !== undefined && UsageTagsSchema.safeParse(options.tags).success
        ? options.tags
        : undefined;
    this.startedAt = services.clock.now();
    this.context = new LiveCallContext(this.callId, this.requestId);
    this.providerOptions = providerOptionsOf(options);
    if (!this.listening('call-start')) return;
    const named = nameIn(fields['provider']);
    const start: { -readonly [K in keyof CallStartEvent]: CallStartEvent[K] } = {
      call_id: this.callId,
      request_id: this.requestId,
      operation,
      stream,
      model: this.model,
    };
    if (named) start.provider = named;
    start.request = raw;
    services.events.emit('call-start', start);
  }

  /** Whether an event of the call has a listener (a payload nobody reads is not built). */
  private listening(event: keyof ManagerEvents): boolean {
    return this.services.events.listenerCount(event) > 0;
  }

  /**
   * The router chose the call's next step: `route`, the router's event with the call's ids. The
   * manager reports it from the step itself, so the router builds no event of its own for it.
   */
  reportRoute(step: RouteStep): void {
    if (step.done || !this.listening('route')) return;
    const { candidate } = step;
    this.services.events.emit('route', {
      call_id: this.callId,
      request_id: this.requestId,
      callId: this.callId,
      attempt: step.attempt,
      deployment: { provider: candidate.provider, model: candidate.model },
      strategy: step.strategy,
      reason: step.reason,
      delayMs: step.delayMs,
      ...(step.key ? { key: step.key.fingerprint } : {}),
      provider: candidate.provider,
      model: candidate.model,
    });
  }

  /** Merges the request's tags under the call's. */
  adoptTags(requestTags: UsageTags | undefined): void {
    this.callTags =
      requestTags || this.options.tags ? { ...requestTags, ...this.options.tags } : undefined;
  }

  /** Throws the request's validation error, naming the provider and the model (what the request named). */
  refuseInvalid(result: ValidationResult, model = this.requestedModel): void {
    if (!result.valid) throw validationError(result, this.providerName, model);
  }

  /** The one provider a fixed route (or an embedding call without routing) goes to. */
  select(request: { model: string; provider?: string }): ProviderEntry {
    try {
      const entry = selectProvider(this.snapshot, request);
      this.moveTo(entry, request.model);
      return entry;
    } catch (error) {
      this.noteRefusingProvider(error);
      throw error;
    }
  }

  /** A call refused for the provider it needs (one turned off) is recorded under that provider. */
  noteRefusingProvider(error: unknown): void {
    if (LLMError.is(error) && error.providerName) this.providerName = error.providerName;
  }

  /** Pricing, budgets, records and errors follow the deployment being tried. */
  moveTo(entry: ProviderEntry, model: string): void {
    this.routed = entry;
    this.providerName = entry.provider.name;
    this.model = model;
    this.context.provider = entry.provider.name;
    this.context.model = model;
  }

  /**
   * Starts one step of the route on `entry`: the requests it may make (the call's `max_attempts`
   * counts every provider request), and the call's budget on the first step (the promise of that
   * reservation; undefined when there is nothing to wait for).
   */
  enterStep(
    entry: ProviderEntry,
    model: string,
    requestsLeft: number,
    budgetRequest: LLMRequest | EmbeddingRequest,
  ): Promise<void> | undefined {
    this.moveTo(entry, model);
    this.sent = budgetRequest;
    this.stepRequests = 0;
    this.requestLimit = this.attempts.length + requestsLeft;
    if (this.budgetReserved) return undefined;
    this.budgetReserved = true;
    // Without budgets there is nothing to reserve: the step is entered at once, nothing to wait for.
    return this.snapshot.budgets ? this.checkBudget(budgetRequest) : undefined;
  }

  /** Provider requests of the step in progress (its deployment's retries), for the router's count. */
  get requestsOfStep(): number {
    return this.stepRequests;
  }

  /** The model of the attempt in progress (what the request named until it is routed). */
  get modelLabel(): string {
    return this.model;
  }

  /** The provider errors and records name: the routed one, else what the request named. */
  get providerLabel(): string {
    return this.providerName;
  }

  /** The call's tags merged over the request's (what every record carries). */
  get tags(): UsageTags | undefined {
    return this.callTags;
  }

  /** When the call's first chunk arrived (streams), once one did. */
  get firstChunkAt(): number | undefined {
    return this.firstChunkOfCall;
  }

  /** Provider requests made so far across every deployment; 0 when the call reached none. */
  get attemptCount(): number {
    return this.attempts.length;
  }

  /**
   * Reserves the call's most expensive outcome against the block budgets that apply, or refuses
   * it before any network request; the reservation is released once the call's record is written.
   */
  async checkBudget(request: ReservableRequest): Promise<void> {
    this.reservation = await this.services.accounting.reserve(this.snapshot.budgets, {
      provider: this.routed!.provider,
      model: this.model,
      request,
      operation: this.operation,
      tags: this.callTags,
    });
  }

  /**
   * Sends one provider request of the step in progress through `send`, reporting it. A failure
   * after the call's last allowed request is marked not retryable, so the deployment's pipeline
   * stops there too: `max_attempts` counts every provider request of the call.
   */
  async sendAttempt<T>(
    context: AttemptContext,
    key: PooledKey | undefined,
    send: (options: CallOptions) => Promise<T>,
  ): Promise<T> {
    const attempt = this.beginAttempt();
    try {
      return await send(this.attemptOptions(context, key));
    } catch (thrown) {
      throw this.attemptThrew(attempt, thrown, context.signal);
    }
  }

  /**
   * The provider request of `attempt` threw: ends the attempt (its usage reported, else
   * `estimate()`), unless the caller or the call's deadline cut it (the attempt loop closes those),
   * and returns what to rethrow to the pipeline: after the call's last allowed request, the error
   * marked not retryable, so the deployment's pipeline stops there too.
   */
  attemptThrew(
    attempt: CallAttemptState | undefined,
    thrown: unknown,
    signal: AbortSignal,
    estimate?: () => TokenUsage | undefined,
  ): unknown {
    const error = attemptError(thrown, signal, this.providerName);
    if (error && attempt) this.attemptFailed(attempt, error, estimate?.());
    return this.attempts.length >= this.requestLimit && LLMError.is(thrown)
      ? thrown.with({ retryable: false })
      : thrown;
  }

  /** Opens the next provider request on the current deployment and reports `attempt-start`. */
  beginAttempt(): CallAttemptState {
    if (this.unwritten) this.flushUnwritten(this.unwritten);
    const entry = this.routed!;
    const attempt: CallAttemptState = {
      number: this.attempts.length + 1,
      entry,
      provider: entry.provider.name,
      model: this.model,
      startedAt: this.services.clock.now(),
      ended: false,
      firstChunkAt: undefined,
      outcome: undefined,
      error: undefined,
      endedAt: undefined,
      usage: undefined,
    };
    this.attempts.push(attempt);
    this.stepRequests += 1;
    this.context.attempt = attempt.number;
    if (this.listening('attempt-start'))
      this.services.events.emit('attempt-start', {
        call_id: this.callId,
        request_id: this.requestId,
        attempt: attempt.number,
        provider: attempt.provider,
        model: attempt.model,
        request: this.sent,
      });
    return attempt;
  }

  /** The provider options of one attempt: the caller's options, the attempt's signal and key. */
  attemptOptions(context: AttemptContext, key: PooledKey | undefined): CallOptions {
    // The manager checked the request against this provider's config before dispatch, and the
    // attempt's signal is this call's own (its deadline's, or a timeout's below it): dropped when
    // the call ends, so the provider need not relay it.
    const options: { -readonly [K in keyof CallOptions]: CallOptions[K] } = key
      ? {
          ...this.providerOptions,
          signal: context.signal,
          apiKey: key.apiKey,
          requestChecked: true,
          signalEndsWithCall: true,
        }
      : {
          ...this.providerOptions,
          signal: context.signal,
          requestChecked: true,
          signalEndsWithCall: true,
        };
    if (this.listening('stream-event-skipped'))
      options.onStreamEventSkipped = this.skippedEventHook ??= this.reportSkippedEvent.bind(this);
    return options;
  }

  /** A stream event the provider skipped: the caller's own hook, then `stream-event-skipped`. */
  private reportSkippedEvent(info: StreamEventSkippedInfo): void {
    this.providerOptions.onStreamEventSkipped?.(info);
    this.services.events.emit('stream-event-skipped', {
      ...info,
      call_id: this.callId,
      request_id: this.requestId,
      attempt: this.context.attempt,
    });
  }

  /** The attempt in progress got its first chunk. */
  firstChunk(attempt: CallAttemptState): void {
    if (attempt.firstChunkAt !== undefined) return;
    attempt.firstChunkAt = this.services.clock.now();
    this.firstChunkOfCall ??= attempt.firstChunkAt;
  }

  /** The latest attempt, while it has not ended. */
  get openAttempt(): CallAttemptState | undefined {
    const last = this.attempts.at(-1);
    return last && !last.ended ? last : undefined;
  }

  /** Ends an attempt with a failure: its usage (reported, else `estimate`) is priced at its deployment. */
  attemptFailed(attempt: CallAttemptState, error: LLMError, estimate?: TokenUsage): void {
    if (attempt.ended) return;
    const usage = error.usage ?? estimate;
    attempt.usage = usage
      ? this.services.accounting.price(usage, attempt.entry.provider, attempt.model, this.operation)
      : undefined;
    this.endAttempt(attempt, failureKind(error), error);
    this.unwritten = attempt;
  }

  /** Ends the attempt in progress, if one is, with the error the call got for it. */
  closeOpenAttempt(error: LLMError, estimate?: TokenUsage): void {
    const open = this.openAttempt;
    if (open) this.attemptFailed(open, error, estimate);
  }

  /** Ends the attempt that answered (`response`: its answer, for attempt-end; none for a stream). */
  attemptSucceeded(attempt: CallAttemptState, response?: AttemptEndEvent['response']): void {
    if (!attempt.ended) this.endAttempt(attempt, 'success', undefined, response);
  }

  private endAttempt(
    attempt: CallAttemptState,
    outcome: string,
    error?: LLMError,
    response?: AttemptEndEvent['response'],
  ): void {
    attempt.ended = true;
    attempt.outcome = outcome;
    attempt.error = error;
    attempt.endedAt = this.services.clock.now();
    if (error) this.services.onAttemptFailed?.(attempt.provider, attempt.model, error.type);
    if (!this.listening('attempt-end')) return;
    this.services.events.emit(
      'attempt-end',
      attemptEndEvent(this.callId, this.requestId, attempt, response),
    );
  }

  /** Every attempt as the response's `metadata.attempts` lists it. */
  responseAttempts(): CallAttempt[] {
    return this.attempts.map((attempt) => responseAttempt(attempt, this.services.clock.now()));
  }

  /** Every attempt as a failed call's error lists it: deployment, error type, status, duration. */
  errorAttempts(): LLMErrorAttempt[] {
    return this.attempts.map((attempt) => errorAttempt(attempt, this.services.clock.now()));
  }

  price(usage: TokenUsage): TokenUsage {
    return this.services.accounting.price(usage, this.routed!.provider, this.model, this.operation);
  }

  /** Priced usage of a failure, when the call got far enough to have any. */
  priceFailure(usage: TokenUsage | undefined): TokenUsage | undefined {
    return usage && this.routed ? this.price(usage) : undefined;
  }

  /** The call answered: the answering attempt's record is the final one. */
  recordSuccess(
    usage: TokenUsage,
    providerRequestId: string | undefined,
    response: AttemptEndEvent['response'],
    answer?: AnswerFacts,
  ): Promise<void> {
    const attempt = this.attempts.at(-1);
    if (attempt) this.attemptSucceeded(attempt, response);
    return this.finish({ success: true, usage, providerRequestId }, attempt, 'success', answer);
  }

  /**
   * The call failed with `error`: the last attempt that reached a provider gets the final record
   * (its own outcome, the call's error), or, when none did, one record of the refused call.
   */
  recordFailure(error: LLMError, usage?: TokenUsage): Promise<void> {
    this.closeOpenAttempt(error);
    const last = this.unwritten ?? this.attempts.at(-1);
    this.unwritten = undefined;
    const facts = failureOutcome(error, last ? last.usage : usage);
    return this.finish(facts, last, facts.errorType!);
  }

  /** Writes the record of a failed attempt the call went on from (not final). */
  private flushUnwritten(attempt: CallAttemptState): void {
    this.unwritten = undefined;
    this.writes.push(this.write(attemptOutcome(attempt), attempt, false));
  }

  /**
   * Writes the final record once the earlier ones are, then releases the reservation and reports
   * `call-end`. Plain promise steps, not an async function per layer: a call that made one
   * attempt (the common case) waits for nothing but its own record.
   */
  private finish(
    facts: RecordOutcome,
    attempt: CallAttemptState | undefined,
    outcome: string,
    answer?: AnswerFacts,
  ): Promise<void> {
    if (this.ended) return SETTLED;
    this.ended = true;
    const ended = () => this.reportEnd(facts, attempt, outcome, answer);
    let written: Promise<void>;
    try {
      written =
        this.writes.length === 0
          ? this.write(facts, attempt, true)
          : Promise.all(this.writes).then(() => this.write(facts, attempt, true));
    } catch (error) {
      ended();
      return Promise.reject(error);
    }
    return written.then(ended, (error: unknown) => {
      ended();
      throw error;
    });
  }

  /** After the final record: the reservation goes (exactly once), then `call-end`. */
  private reportEnd(
    facts: RecordOutcome,
    attempt: CallAttemptState | undefined,
    outcome: string,
    answer: AnswerFacts | undefined,
  ): void {
    // The records now count the call's real cost: the reservation it held goes, exactly once.
    this.reservation?.release();
    this.reservation = undefined;
    const { events, callEndListenersDroppingAnswers: dropping } = this.services;
    const readers = events.listenerCount('call-end') - (facts.success && dropping ? dropping() : 0);
    if (readers > 0)
      events.emit(
        'call-end',
        callEndEvent(this, facts, attempt, outcome, answer, this.costs, this.services.clock.now()),
      );
  }

  private write(
    facts: RecordOutcome,
    attempt: CallAttemptState | undefined,
    final: boolean,
  ): Promise<void> {
    const cost = recordCost(facts.usage);
    if (cost) this.costs.push(cost);
    return this.services.accounting.record(
      recordFacts(this, facts, attempt, final, this.services.clock.now()),
    );
  }
}
