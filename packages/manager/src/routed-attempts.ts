// The routed attempt loop every manager call runs (chat, embeddings and streams): validation,
// the call's plan over its deployments, the call's deadline, one step per deployment the router
// picks, moving on as it decides.
import {
  checkRequestForModel,
  findModelConfig,
  LLMError,
  LLMErrorType,
  relayAbort,
  toLLMError,
  type AbortRelay,
  validateRequestAgainstConfig,
  type Clock,
  type EmbeddingRequest,
  type LLMRequest,
  type LLMResponse,
  type TimerHandle,
  type TokenUsage,
  type ValidationResult,
} from '@llm/core';
import type {
  Candidate,
  PooledKey,
  ResolvedRoute,
  RouteOverrides,
  RoutePlan,
  RouteStep,
} from '@llm/router';
import { CallSession, type CallServices, type ManagerCallOptions } from './call-session';
import type { ManagerSnapshot } from './manager-snapshot';
import type { ProviderEntry } from './provider-runtime';
import { estimatedTokens, learnModelFacts, type ModelFacts } from './request-checks';
import { selectProvider } from './route-call';

export type RoutableRequest = LLMRequest | EmbeddingRequest;

/** How one kind of request is checked: its shape before routing, and against each routed model. */
export interface RequestChecks<Request extends RoutableRequest> {
  shape: (request: unknown) => ValidationResult;
  forModel?: (
    request: Request,
    entry: ProviderEntry,
    snapshot: ManagerSnapshot,
  ) => ValidationResult;
}

/** What the checks know of `model` on `entry`'s deployment: one map look-up once learned. */
export function modelFactsOf(
  snapshot: ManagerSnapshot,
  entry: ProviderEntry,
  model: string,
): ModelFacts {
  return entry.models.get(model) ?? learnModelFacts(entry, snapshot.config, model);
}

/**
 * A chat request: its shape (and its tools and messages) before routing reads it, then, against
 * each routed model, the provider's config (listed, vision, tools, context window, max_tokens)
 * with the catalog's facts where the config is silent, before any dispatch.
 */
export const CHAT_CHECKS: RequestChecks<LLMRequest> = {
  shape: validateRequestAgainstConfig,
  forModel: (request, entry, snapshot) =>
    checkRequestForModel(
      request,
      entry.provider.config,
      modelFactsOf(snapshot, entry, request.model).defaults,
    ),
};

/** Tokens a chat call may use, estimated only where a tokens-per-minute limit applies to it. */
export function tokensToReserve(
  snapshot: ManagerSnapshot,
  entry: ProviderEntry,
  request: LLMRequest,
): number | undefined {
  return modelFactsOf(snapshot, entry, request.model).tokenLimited
    ? estimatedTokens(request)
    : undefined;
}

/** One step of the route the call has entered: the deployment, its model and the request it gets. */
export interface EnteredStep<Request extends RoutableRequest> {
  readonly entry: ProviderEntry;
  readonly model: string;
  readonly request: Request;
  readonly key: PooledKey | undefined;
  /** Aborts when the caller's signal does or the call's deadline passes. */
  readonly signal: AbortSignal;
}

/**
 * How a model name is routed within one snapshot: a logical model (`[llm.models]`), a
 * `provider/model` pair, a plain name some enabled provider lists (every deployment the router
 * resolves), or a name that goes to the one provider `selectProvider` picks (no provider lists it,
 * or the default provider serves any model).
 */
type RouteKind = 'logical' | 'pair' | 'listed' | 'fixed';

/** How a snapshot routes one name: its kind, and the router's route for it once resolved. */
interface KnownName {
  readonly kind: RouteKind;
  /** Resolved on the first call without overrides (not for `fixed`: that goes to `provider/model`). */
  route?: ResolvedRoute;
}

// A snapshot never changes, so neither does how it routes a name: found once per snapshot and
// name (a bounded number of names, so that arbitrary model names cannot grow it without end).
const knownNames = new WeakMap<ManagerSnapshot, Map<string, KnownName>>();
const REMEMBERED_NAMES = 1024;

function knownNameOf(snapshot: ManagerSnapshot, model: string): KnownName {
  let names = knownNames.get(snapshot);
  if (!names) knownNames.set(snapshot, (names = new Map()));
  const known = names.get(model);
  if (known) return known;
  const { config, providers } = snapshot;
  let kind: RouteKind;
  const slash = model.indexOf('/');
  if (config.models?.some((entry) => entry.name === model)) kind = 'logical';
  else if (slash > 0 && providers.has(model.slice(0, slash))) kind = 'pair';
  else {
    const defaultEntry = config.default_provider
      ? providers.get(config.default_provider)
      : undefined;
    const servesAny =
      defaultEntry !== undefined && defaultEntry.provider.config.models.length === 0;
    let listed = false;
    for (const entry of providers.values())
      if (findModelConfig(entry.provider.config, model) !== undefined) {
        listed = true;
        break;
      }
    kind = servesAny || !listed ? 'fixed' : 'listed';
  }
  const name: KnownName = { kind };
  if (names.size < REMEMBERED_NAMES) names.set(model, name);
  return name;
}

/** Where one call may go: the router's plan, and the model each of its candidates is sent. */
export interface CallRoute {
  readonly plan: RoutePlan;
  /** The model name a candidate's provider is called with. */
  modelFor(candidate: Candidate): string;
}

// Each attempt runs through the deployment's pipeline, which already retried it within its own
// retry policy: after it gives up, the router only moves on.
const ROUTER_RETRY = Object.freeze({ max_retries: 0 });

/**
 * Plans a call. A request naming its provider, or a model no enabled provider lists, goes to the one
 * provider `selectProvider` picks (as before routing existed), possibly followed by per-call
 * fallbacks; a logical model, a `provider/model` pair or a plain model name some enabled provider
 * lists goes to every deployment the router resolves. Throws the routing error (unknown model,
 * disabled provider) before anything is sent.
 */
export function planCall(
  snapshot: ManagerSnapshot,
  request: { model: string; provider?: string },
  options: {
    callId: string;
    /** What the router's events of this call carry (the call session's context). */
    origin: unknown;
    overrides: RouteOverrides | undefined;
    stream: boolean;
  },
  /** Runs on the one provider a fixed route goes to, before planning (its model checks). */
  beforePlan?: (entry: ProviderEntry) => void,
): CallRoute {
  const model = request.model;
  const known = request.provider ? undefined : knownNameOf(snapshot, model);
  const kind = known?.kind ?? 'fixed';
  let name = model;
  if (kind === 'fixed') {
    const entry = selectProvider(snapshot, request);
    beforePlan?.(entry);
    name = `${entry.provider.name}/${model}`;
  }
  // A name routed without overrides is resolved once per snapshot (the router's catalog is fixed).
  const route =
    known && kind !== 'fixed' && !options.overrides
      ? (known.route ??= snapshot.router.resolve(name))
      : name;
  const plan = snapshot.router.plan(route, {
    callId: options.callId,
    origin: options.origin,
    ...(options.overrides ? { overrides: options.overrides } : {}),
    stream: options.stream,
    retry: ROUTER_RETRY,
  });
  // The name the request used goes out unchanged where the request chose the model itself.
  if (kind === 'logical' || kind === 'pair')
    return { plan, modelFor: (candidate) => candidate.model };
  return {
    plan,
    modelFor: (candidate) => (candidate.via === name ? model : candidate.model),
  };
}

/** A call's `[llm.routing] deadline` as a signal its attempts run under. */
export interface CallDeadline {
  /** Aborts when the caller's signal does or when the deadline passes. */
  readonly signal: AbortSignal;
  /** Whether the deadline (not the caller) ended the call. */
  readonly expired: boolean;
  /** The error an attempt cut by the deadline ends with: a `timeout`, so the plan stops at `deadline`. */
  error(providerName: string, model: string): LLMError;
  dispose(): void;
}

/**
 * Starts the deadline of one call on the injected clock: one call never takes longer, whatever
 * retries remain. Its controller is the one `AbortController` of the call: every attempt and every
 * policy of the pipeline runs under its signal.
 */
export function startCallDeadline(
  plan: RoutePlan,
  clock: Clock,
  deadlineMs: number,
  caller?: AbortSignal,
): CallDeadline {
  return new RunningDeadline(plan.remainingMs(), clock, deadlineMs, caller);
}

/** A started `CallDeadline`: one object, one timer, one signal (no closure per member). */
class RunningDeadline implements CallDeadline {
  readonly signal: AbortSignal;
  expired = false;
  // Only a caller's signal needs relaying; without one, the deadline's own controller is the signal.
  private readonly link: AbortRelay | undefined;
  private readonly own: AbortController | undefined;
  private readonly timer: TimerHandle;

  constructor(
    remainingMs: number,
    clock: Clock,
    private readonly deadlineMs: number,
    caller: AbortSignal | undefined,
  ) {
    this.link = caller ? relayAbort(caller) : undefined;
    this.own = this.link ? undefined : new AbortController();
    this.signal = this.link ? this.link.signal : this.own!.signal;
    this.timer = clock.setTimer(() => this.expire(), remainingMs);
  }

  private expire(): void {
    this.expired = true;
    const reason = new Error('the call deadline passed');
    if (this.link) this.link.abort(reason);
    else this.own!.abort(reason);
  }

  error(providerName: string, model: string): LLMError {
    return new LLMError({
      type: LLMErrorType.TIMEOUT_ERROR,
      message: `The call did not finish within its routing deadline of ${this.deadlineMs} ms`,
      providerName,
      model,
      retryable: false,
      details: { reason: 'deadline' },
    });
  }

  dispose(): void {
    this.timer.cancel();
    this.link?.unlink();
  }
}

/**
 * The routed attempts of one call: `next()` enters the next step the router picks (waiting its
 * delay, reserving the budget on the first), `failed()` reports a step's failure and lets the
 * router decide what comes next, `succeeded()` ends the route. Validation, routing and budget
 * errors are thrown from `open()` / `next()`; the error the route ends with from `next()`.
 */
export class RoutedAttempts<Request extends RoutableRequest> {
  private step: RouteStep;
  private last: LLMError | undefined;

  private constructor(
    private readonly session: CallSession,
    private readonly services: CallServices,
    private readonly snapshot: ManagerSnapshot,
    readonly route: CallRoute,
    readonly request: Request,
    private readonly deadline: CallDeadline,
    private readonly forModel: RequestChecks<Request>['forModel'],
  ) {
    this.step = route.plan.first();
    session.reportRoute(this.step);
  }

  /**
   * Checks a request's shape, then plans its route (a fixed route's provider checks the request
   * against its model first, as before routing) and starts the call's deadline.
   */
  static open<Request extends RoutableRequest>(
    session: CallSession,
    services: CallServices,
    snapshot: ManagerSnapshot,
    raw: unknown,
    options: ManagerCallOptions,
    checks: RequestChecks<Request>,
  ): RoutedAttempts<Request> {
    session.refuseInvalid(checks.shape(raw));
    const request = raw as Request;
    session.adoptTags(request.tags);
    const { fallbacks, strategy, streamRecovery } = options;
    let route: CallRoute;
    try {
      route = planCall(
        snapshot,
        request,
        {
          callId: session.callId,
          origin: session.context,
          overrides:
            fallbacks || strategy || streamRecovery
              ? {
                  ...(fallbacks ? { fallbacks } : {}),
                  ...(strategy ? { strategy } : {}),
                  ...(streamRecovery ? { streamRecovery } : {}),
                }
              : undefined,
          stream: session.stream,
        },
        (entry) => {
          session.moveTo(entry, request.model);
          const routed = checks.forModel?.(request, entry, snapshot);
          if (routed) session.refuseInvalid(routed, request.model);
        },
      );
    } catch (error) {
      session.noteRefusingProvider(error);
      throw error;
    }
    const deadline = startCallDeadline(
      route.plan,
      services.clock,
      snapshot.router.settings.deadline,
      options.signal,
    );
    return new RoutedAttempts(
      session,
      services,
      snapshot,
      route,
      request,
      deadline,
      checks.forModel,
    );
  }

  /**
   * Enters the next step: the deployment's entry and the request as it gets it (the first step
   * also reserves the call's budget). A step that cannot be entered (its model refuses the
   * request) counts as failed there; throws the error the route ends with when none is left.
   */
  next(): Promise<EnteredStep<Request>> {
    // A step without a delay whose entry waits for nothing (no budget to reserve) is entered at
    // once: one settled promise instead of a chain of async functions.
    const step = this.step;
    if (step.done || step.delayMs > 0) return this.nextAfterWaits();
    let entered: EnteredStep<Request> | Promise<EnteredStep<Request>>;
    try {
      entered = this.enter(step);
    } catch (thrown) {
      this.failed(thrown);
      return this.nextAfterWaits();
    }
    return entered instanceof Promise
      ? entered.catch((thrown: unknown) => this.failedThenNext(thrown))
      : Promise.resolve(entered);
  }

  /** `next()` through every wait: a step's delay, a budget reservation, the steps after a failed one. */
  private async nextAfterWaits(): Promise<EnteredStep<Request>> {
    for (;;) {
      const step = this.step;
      if (step.done) throw this.finalError(step);
      if (step.delayMs > 0) await this.services.clock.sleep(step.delayMs, this.deadline.signal);
      try {
        return await this.enter(step);
      } catch (thrown) {
        this.failed(thrown);
      }
    }
  }

  private failedThenNext(thrown: unknown): Promise<EnteredStep<Request>> {
    this.failed(thrown);
    return this.nextAfterWaits();
  }

  /**
   * The step in progress failed with `thrown`: closes its attempt and (unless the call ends here,
   * `moveOn: false`) asks the router what comes next.
   */
  failed(thrown: unknown, estimate?: TokenUsage, { moveOn = true } = {}): LLMError {
    const { session } = this;
    const error = this.deadline.expired
      ? this.deadline.error(session.providerLabel, session.modelLabel)
      : toLLMError(thrown, session.providerLabel);
    this.last = error;
    session.closeOpenAttempt(error, estimate);
    if (moveOn) {
      this.step = this.route.plan.failed(error, { requests: session.requestsOfStep });
      session.reportRoute(this.step);
    }
    return error;
  }

  /** Whether the router has another step after the last failure. */
  get hasNext(): boolean {
    return !this.step.done;
  }

  /** The number of the provider request the next step sends (once `hasNext`). */
  get nextAttempt(): number {
    return this.step.done ? this.session.attemptCount + 1 : this.step.attempt;
  }

  /** The step in progress answered (a stream reports its time to first chunk). */
  succeeded(firstChunkMs?: number): void {
    this.route.plan.succeeded({
      requests: this.session.requestsOfStep,
      ...(firstChunkMs === undefined ? {} : { firstChunkMs }),
    });
  }

  /** Whether the deadline (not the caller) cut the call. */
  get expired(): boolean {
    return this.deadline.expired;
  }

  dispose(): void {
    this.deadline.dispose();
  }

  /** Enters `step`: at once, or once the call's budget is reserved (the first step, with budgets). */
  private enter(
    step: Extract<RouteStep, { done: false }>,
  ): EnteredStep<Request> | Promise<EnteredStep<Request>> {
    const { session, request } = this;
    const model = this.route.modelFor(step.candidate);
    const entry = this.snapshot.providers.get(step.candidate.provider);
    if (!entry)
      throw new LLMError({
        type: LLMErrorType.INVALID_REQUEST,
        message: `Provider "${step.candidate.provider}" is not configured or not enabled`,
        providerName: step.candidate.provider,
        model,
        retryable: false,
      });
    const sent = model === request.model ? request : { ...request, model };
    session.moveTo(entry, model);
    const routed = this.forModel?.(sent, entry, this.snapshot);
    if (routed) session.refuseInvalid(routed, model);
    const entered: EnteredStep<Request> = {
      entry,
      model,
      request: sent,
      key: step.key,
      signal: this.deadline.signal,
    };
    const reserving = session.enterStep(entry, model, this.route.plan.requestsLeft(), sent);
    return reserving ? reserving.then(() => entered) : entered;
  }

  /**
   * The error a routed call ends with: the router's (why routing stopped), or, when the route had
   * one deployment and nowhere else to go, that deployment's own error; either way listing every
   * provider request the call made (deployment, error type, status, duration).
   */
  private finalError(step: Extract<RouteStep, { done: true }>): LLMError {
    const { plan } = this.route;
    const last = this.last;
    const error =
      last && plan.candidates.length === 1 && plan.route.contextWindowFallbacks.length === 0
        ? last
        : step.error;
    return this.session.attemptCount > 0
      ? error.with({ attempts: this.session.errorAttempts() })
      : error;
  }
}

/** What a non-streaming operation adds to the loop: how one attempt is sent and how its answer ends the call. */
export interface UnaryOperation<Request extends RoutableRequest, Response> {
  readonly checks: RequestChecks<Request>;
  send(
    step: EnteredStep<Request>,
    session: CallSession,
    snapshot: ManagerSnapshot,
  ): Promise<Response>;
  answer(session: CallSession, response: Response): Promise<Response>;
}

export async function runUnary<Request extends RoutableRequest, Response>(
  session: CallSession,
  services: CallServices,
  snapshot: ManagerSnapshot,
  raw: Request,
  options: ManagerCallOptions,
  operation: UnaryOperation<Request, Response>,
): Promise<Response> {
  let attempts: RoutedAttempts<Request> | undefined;
  try {
    attempts = RoutedAttempts.open(session, services, snapshot, raw, options, operation.checks);
    for (;;) {
      const step = await attempts.next();
      let response: Response;
      try {
        response = await operation.send(step, session, snapshot);
      } catch (thrown) {
        attempts.failed(thrown);
        continue;
      }
      attempts.succeeded();
      return await operation.answer(session, response);
    }
  } catch (thrown) {
    const error = toLLMError(thrown, session.providerLabel);
    const usage = session.priceFailure(error.usage);
    await session.recordFailure(error, usage);
    throw usage ? error.with({ usage }) : error;
  } finally {
    attempts?.dispose();
  }
}

/** The tokens a chat answer used, to reconcile a tokens-per-minute reservation (one function for every call). */
const totalTokensOf = (response: LLMResponse): number => response.usage.total_tokens;

const CHAT: UnaryOperation<LLMRequest, LLMResponse> = {
  checks: CHAT_CHECKS,
  send: (step, session, snapshot) =>
    step.entry.pipeline.execute(
      (attempt) =>
        session.sendAttempt(attempt, step.key, (callOptions) =>
          step.entry.provider.chatCompletion(step.request, callOptions),
        ),
      {
        signal: step.signal,
        model: step.model,
        estimatedTokens: tokensToReserve(snapshot, step.entry, step.request),
        actualTokens: totalTokensOf,
        origin: session.context,
      },
    ),
  async answer(session, response) {
    const usage = session.price(response.usage);
    await session.recordSuccess(usage, response.metadata.request_id, response, {
      response_model: response.model,
      finish_reason: response.finish_reason,
      content: response.content,
    });
    return {
      ...response,
      usage,
      metadata: {
        ...response.metadata,
        attempts: session.responseAttempts(),
        attempt_count: session.attemptCount,
        call_id: session.callId,
      },
    };
  },
};

/**
 * One non-streaming chat call: validation, routing, budget, each attempt through its deployment's
 * pipeline (moving on as the router decides), pricing at the deployment that answered, one record
 * per provider request.
 */
export function runChat(
  services: CallServices,
  snapshot: ManagerSnapshot,
  raw: LLMRequest,
  options: ManagerCallOptions = {},
): Promise<LLMResponse> {
  const session = new CallSession(services, snapshot, raw, options, 'chat');
  return runUnary(session, services, snapshot, raw, options, CHAT);
}
