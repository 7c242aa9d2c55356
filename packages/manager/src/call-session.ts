import { randomUUID } from 'node:crypto';
import {
  EmbeddingRequestSchema,
  estimateMessageTokens,
  estimateUsage,
  LLMError,
  LLMErrorType,
  toLLMError,
  UsageTagsSchema,
  validateRequestAgainstConfig,
  validationError,
  type ValidationResult,
  type CallOptions,
  type Clock,
  type EmbeddingRequest,
  type EmbeddingResponse,
  type LLMRequest,
  type LLMResponse,
  type LLMStreamChunk,
  type TokenUsage,
  type UsageTags,
} from '@llm/core';
import { resolveResilienceSettings } from '@llm/config/internal';
import type { AttemptContext } from '@llm/retry';
import type {
  Candidate,
  RouteAttempt,
  RoutePlan,
  RouteStep,
  RoutingStrategyName,
  StreamRecovery,
} from '@llm/router';
import {
  BUDGET_EXCEEDED,
  BUDGET_UNPRICED,
  type BudgetReservation,
  type ReservableRequest,
} from '@llm/usage';
import { catalogModelDefaults } from './catalog-model-defaults';
import type { ManagerSnapshot } from './manager-snapshot';
import type { ProviderEntry } from './provider-runtime';
import {
  planCall,
  selectProvider,
  startCallDeadline,
  type CallDeadline,
  type CallRoute,
} from './route-call';
import type { UsageAccounting } from './usage-accounting';

/** Options of one manager call: the provider's CallOptions plus attribution tags. */
export interface ManagerCallOptions extends CallOptions {
  /** Labels recorded with the usage (merged over `request.tags`). */
  tags?: UsageTags;
  /** Our id for this call, written to the ledger; generated when absent. */
  requestId?: string;
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
}

interface RoutedRequest {
  model: string;
  provider?: string;
  tags?: UsageTags;
}

/** A non-empty string, else undefined: what a malformed request may hold in `model` or `provider`. */
function nameIn(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The shape of a chat request and its tools and messages, checked before routing reads it. */
function checkChatRequest(request: unknown): ValidationResult {
  return validateRequestAgainstConfig(request);
}

/**
 * A routed chat request against its model: the provider's config (listed, vision, tools, context
 * window, max_tokens) with the catalog's facts where the config is silent, before any dispatch.
 */
function checkChatRequestForModel(request: LLMRequest, entry: ProviderEntry): ValidationResult {
  const config = entry.provider.config;
  return validateRequestAgainstConfig(request, config, catalogModelDefaults(config, request.model));
}

function checkEmbeddingRequest(request: unknown): ValidationResult {
  const parsed = EmbeddingRequestSchema.safeParse(request);
  return parsed.success
    ? { valid: true, errors: [] }
    : {
        valid: false,
        errors: parsed.error.issues.map((issue) => ({
          field: issue.path.join('.') || '(request)',
          message: issue.message,
        })),
      };
}

/**
 * Tokens a call may use, for tokens-per-minute limits; computed only where such a limit applies to
 * the call: the provider's (or, without one, the global `[llm.rate_limit]`) or the model's, as the
 * pipeline applies them.
 */
function estimatedTokens(
  snapshot: ManagerSnapshot,
  entry: ProviderEntry,
  request: LLMRequest,
): number | undefined {
  const { rateLimit, modelRateLimit } = resolveResilienceSettings(
    snapshot.config,
    entry.provider.name,
    request.model,
  );
  const limited = rateLimit?.tokens_per_minute ?? modelRateLimit?.tokens_per_minute;
  if (limited === undefined) return undefined;
  const prompt = estimateMessageTokens(request.messages, {
    model: request.model,
    tools: request.tools,
  }).tokens;
  return prompt + (request.max_tokens ?? 0);
}

/** Codes a record keeps as its `error_type`: a caller's abort and a budget's refusal are no provider failure. */
const OWN_FAILURE_CODES: ReadonlySet<string | undefined> = new Set([
  'aborted',
  BUDGET_EXCEEDED,
  BUDGET_UNPRICED,
]);

/** The `error_type` a ledger record gets: the LLMErrorType, or the code of an abort or a budget refusal. */
export function failureKind(error: LLMError): string {
  return OWN_FAILURE_CODES.has(error.code) ? error.code! : error.type;
}

/**
 * One call from its arrival to its ledger record: validates the request before anything reads it,
 * routes it to a provider entry of the snapshot it started with (a reload does not move it), counts
 * attempts, prices usage and writes exactly one record, also for a request that was refused.
 */
class CallSession {
  private routed: ProviderEntry | undefined;
  private tags: UsageTags | undefined;
  private providerName: string;
  private model: string;
  private readonly requestedModel: string | undefined;
  private readonly requestId: string;
  private readonly startedAt: number;
  /** Provider requests of the deployments already left, and of the current one. */
  private earlierAttempts = 0;
  private attempts = 0;
  private budgetReserved = false;
  private reservation: BudgetReservation | undefined;

  constructor(
    private readonly services: CallServices,
    private readonly snapshot: ManagerSnapshot,
    raw: unknown,
    private readonly options: ManagerCallOptions,
    private readonly operation: 'chat' | 'embedding',
    private readonly stream = false,
  ) {
    const fields = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
    // Until the request is known to be valid, the record names what it can: never a non-string.
    this.providerName = nameIn(fields['provider']) ?? '(none)';
    this.requestedModel = nameIn(fields['model']);
    this.model = this.requestedModel ?? '(invalid)';
    this.requestId = options.requestId ?? randomUUID();
    this.tags = UsageTagsSchema.safeParse(options.tags).success ? options.tags : undefined;
    this.startedAt = services.clock.now();
  }

  /**
   * Checks the request's shape first (so nothing below reads a malformed request), then picks its
   * provider. Throws an `invalid_request` LLMError naming the fields, or the routing error.
   */
  open<Request extends RoutedRequest>(
    request: unknown,
    check: (request: unknown) => ValidationResult,
    checkRouted?: (request: Request, entry: ProviderEntry) => ValidationResult,
  ): { request: Request; entry: ProviderEntry } {
    const result = check(request);
    if (!result.valid) throw validationError(result, this.providerName, this.requestedModel);
    const valid = request as Request;
    this.tags =
      valid.tags || this.options.tags ? { ...valid.tags, ...this.options.tags } : undefined;
    let entry: ProviderEntry;
    try {
      entry = selectProvider(this.snapshot, valid);
    } catch (error) {
      // A call refused for the provider it needs (one turned off) is recorded under that provider.
      if (LLMError.is(error) && error.providerName) this.providerName = error.providerName;
      throw error;
    }
    this.routed = entry;
    this.providerName = entry.provider.name;
    const routed = checkRouted?.(valid, entry);
    if (routed && !routed.valid) throw validationError(routed, this.providerName, valid.model);
    return { request: valid, entry };
  }

  /**
   * Checks a chat request's shape, then plans its route (a fixed route's provider checks the
   * request against its model first, as before routing). Throws the validation or routing error.
   */
  openRouted(raw: unknown): { request: LLMRequest; route: CallRoute } {
    const result = checkChatRequest(raw);
    if (!result.valid) throw validationError(result, this.providerName, this.requestedModel);
    const request = raw as LLMRequest;
    this.tags =
      request.tags || this.options.tags ? { ...request.tags, ...this.options.tags } : undefined;
    const { fallbacks, strategy, streamRecovery } = this.options;
    try {
      const route = planCall(
        this.snapshot,
        request,
        {
          callId: this.requestId,
          overrides: {
            ...(fallbacks ? { fallbacks } : {}),
            ...(strategy ? { strategy } : {}),
            ...(streamRecovery ? { streamRecovery } : {}),
          },
          stream: this.stream,
        },
        (entry) => {
          this.routed = entry;
          this.providerName = entry.provider.name;
          const routed = checkChatRequestForModel(request, entry);
          if (!routed.valid) throw validationError(routed, this.providerName, request.model);
        },
      );
      return { request, route };
    } catch (error) {
      // A call refused for the provider it needs (one turned off) is recorded under that provider.
      if (LLMError.is(error) && error.providerName) this.providerName = error.providerName;
      throw error;
    }
  }

  /**
   * Moves the call to one candidate of its route: pricing, budgets and the record follow the
   * deployment being tried, so the record names the one that answered (or the last one tried).
   * Returns the deployment's entry and the request as it gets it (the first attempt also reserves
   * the call's budget), or throws its model's validation error or the budget's refusal.
   */
  async enter(
    candidate: Candidate,
    route: CallRoute,
    request: LLMRequest,
  ): Promise<{ model: string; entry: ProviderEntry; request: LLMRequest }> {
    const model = route.modelFor(candidate);
    const entry = this.snapshot.providers.get(candidate.provider);
    if (!entry)
      throw new LLMError({
        type: LLMErrorType.INVALID_REQUEST,
        message: `Provider "${candidate.provider}" is not configured or not enabled`,
        providerName: candidate.provider,
        model,
        retryable: false,
      });
    this.earlierAttempts += this.attempts;
    this.attempts = 0;
    this.routed = entry;
    this.providerName = entry.provider.name;
    this.model = model;
    const sent = model === request.model ? request : { ...request, model };
    const routed = checkChatRequestForModel(sent, entry);
    if (!routed.valid) throw validationError(routed, this.providerName, model);
    if (!this.budgetReserved) {
      this.budgetReserved = true;
      await this.checkBudget(sent);
    }
    return { model, entry, request: sent };
  }

  private get provider() {
    // Only read after open() routed the call: pricing and budgets need the provider.
    return this.routed!.provider;
  }

  /** The model of the attempt in progress (what the request named until it is routed). */
  get modelLabel(): string {
    return this.model;
  }

  /** The provider errors and records name: the routed one, else what the request named. */
  get providerLabel(): string {
    return this.providerName;
  }

  /** Provider requests made so far across every deployment; 0 when the call reached none. */
  get attemptCount(): number {
    return this.earlierAttempts + this.attempts;
  }

  /**
   * Reserves the call's most expensive outcome against the block budgets that apply, or refuses
   * it before any network request; the reservation is released once the call's record is written.
   */
  async checkBudget(request: ReservableRequest): Promise<void> {
    this.reservation = await this.services.accounting.reserve(this.snapshot.budgets, {
      provider: this.provider,
      model: this.model,
      request,
      operation: this.operation,
      tags: this.tags,
    });
  }

  /** The provider options of one pipeline attempt: the caller's options with the attempt's signal. */
  attemptOptions(attempt: AttemptContext): CallOptions {
    this.attempts = Math.max(this.attempts, attempt.attempt);
    const {
      fallbacks: _fallbacks,
      strategy: _strategy,
      streamRecovery: _recovery,
      ...call
    } = this.options;
    return { ...call, signal: attempt.signal };
  }

  price(usage: TokenUsage): TokenUsage {
    return this.services.accounting.price(usage, this.provider, this.model, this.operation);
  }

  /** Priced usage of a failure, when the call got far enough to have any. */
  priceFailure(usage: TokenUsage | undefined): TokenUsage | undefined {
    return usage && this.routed ? this.price(usage) : undefined;
  }

  recordSuccess(usage: TokenUsage, providerRequestId: string | undefined): Promise<void> {
    return this.record({
      usage,
      success: true,
      providerRequestId,
      attempts: this.attemptCount || 1,
    });
  }

  recordFailure(error: LLMError, usage?: TokenUsage): Promise<void> {
    return this.record({
      usage,
      success: false,
      errorType: failureKind(error),
      errorCode: error.code,
      errorMessage: error.message,
      providerRequestId: error.requestId,
      attempts: this.attemptCount || undefined,
    });
  }

  /** A stream the consumer stopped reading before it finished. */
  recordStopped(usage: TokenUsage | undefined): Promise<void> {
    return this.record({
      usage,
      success: false,
      errorType: 'aborted',
      errorMessage: 'The consumer stopped reading the stream before it finished.',
      attempts: this.attemptCount || undefined,
    });
  }

  private async record(facts: {
    usage?: TokenUsage;
    success: boolean;
    errorType?: string;
    errorCode?: string;
    errorMessage?: string;
    providerRequestId?: string;
    attempts?: number;
  }): Promise<void> {
    try {
      await this.writeRecord(facts);
    } finally {
      // The record now counts the call's real cost: the reservation it held goes, exactly once.
      this.reservation?.release();
      this.reservation = undefined;
    }
  }

  private writeRecord(facts: Parameters<CallSession['record']>[0]): Promise<void> {
    return this.services.accounting.record({
      ...facts,
      provider: this.providerName,
      model: this.model,
      requestId: this.requestId,
      timestamp: this.startedAt,
      responseTime: this.services.clock.now() - this.startedAt,
      stream: this.stream,
      operation: this.operation,
      tags: this.tags,
    });
  }
}

/** The attempts of a routed call as the response's `metadata.attempts` lists them. */
function callAttempts(
  attempts: readonly RouteAttempt[],
): NonNullable<LLMResponse['metadata']['attempts']> {
  return attempts.map(({ provider, model, outcome, duration_ms, status }) => ({
    provider,
    model,
    outcome,
    duration_ms,
    ...(status === undefined ? {} : { status }),
  }));
}

/**
 * The error a routed call ends with: the router's (every attempt listed, why routing stopped), or,
 * when the route had one deployment and nowhere else to go, that deployment's own error unchanged.
 */
function routeError(step: Extract<RouteStep, { done: true }>, plan: RoutePlan, last: LLMError) {
  return plan.candidates.length === 1 && plan.route.contextWindowFallbacks.length === 0
    ? last
    : step.error;
}

/**
 * One non-streaming chat call: validation, routing, budget, each attempt through its deployment's
 * pipeline (moving on as the router decides), pricing at the deployment that answered, one record.
 */
export async function runChat(
  services: CallServices,
  snapshot: ManagerSnapshot,
  raw: LLMRequest,
  options: ManagerCallOptions = {},
): Promise<LLMResponse> {
  const session = new CallSession(services, snapshot, raw, options, 'chat');
  let deadline: CallDeadline | undefined;
  try {
    const { request, route } = session.openRouted(raw);
    const { plan } = route;
    deadline = startCallDeadline(
      plan,
      services.clock,
      snapshot.router.settings.deadline,
      options.signal,
    );
    let last: LLMError | undefined;
    for (let step: RouteStep = plan.first(); ;) {
      if (step.done) throw routeError(step, plan, last ?? step.error);
      if (step.delayMs > 0) await services.clock.sleep(step.delayMs, deadline.signal);
      let response: LLMResponse;
      try {
        const {
          model,
          entry,
          request: attemptRequest,
        } = await session.enter(step.candidate, route, request);
        response = await entry.pipeline.execute(
          (attempt) =>
            entry.provider.chatCompletion(attemptRequest, session.attemptOptions(attempt)),
          {
            signal: deadline.signal,
            model,
            estimatedTokens: estimatedTokens(snapshot, entry, attemptRequest),
            actualTokens: (result) => result.usage.total_tokens,
          },
        );
      } catch (thrown) {
        last = deadline.expired
          ? deadline.error(session.providerLabel, session.modelLabel)
          : toLLMError(thrown, session.providerLabel);
        step = plan.failed(last);
        continue;
      }
      const attempts = plan.succeeded();
      const usage = session.price(response.usage);
      await session.recordSuccess(usage, response.metadata.request_id);
      return {
        ...response,
        usage,
        metadata: {
          ...response.metadata,
          attempts: callAttempts(attempts),
          attempt_count: session.attemptCount,
        },
      };
    }
  } catch (thrown) {
    const error = toLLMError(thrown, session.providerLabel);
    const usage = session.priceFailure(error.usage);
    await session.recordFailure(error, usage);
    throw usage ? error.with({ usage }) : error;
  } finally {
    deadline?.dispose();
  }
}

/**
 * One streaming chat call, routed like `runChat`. Before the first chunk reaches the caller a
 * failed attempt moves on invisibly; after it, the route's `stream_recovery` decides: `error` ends
 * with the typed error carrying the partial text (`details.partial_text`), never a finish;
 * `restart` yields a `restart` chunk and streams the whole answer from the next candidate (the
 * original messages again); `buffer` holds every chunk until the answer is complete. The `finish`
 * chunk's usage is priced. Exactly one ledger record is written whether the stream finishes,
 * fails, or the consumer stops.
 */
export async function* runStream(
  services: CallServices,
  snapshot: ManagerSnapshot,
  raw: LLMRequest,
  options: ManagerCallOptions = {},
): AsyncGenerator<LLMStreamChunk, void, undefined> {
  const session = new CallSession(services, snapshot, raw, options, 'chat', true);
  let receivedText = '';
  let receivedAny = false;
  let settled = false;
  // The model of the attempt in progress; set once the request is known to be valid.
  let model = '';
  let deadline: CallDeadline | undefined;
  // Known usage, else an estimate once output has flowed; nothing when the call never got an answer.
  const usageAfterFailure = (reported: TokenUsage | undefined) =>
    reported
      ? session.priceFailure(reported)
      : receivedAny
        ? session.price(estimateUsage(raw, { text: receivedText }, model))
        : undefined;

  try {
    const { request, route } = session.openRouted(raw);
    const { plan } = route;
    deadline = startCallDeadline(
      plan,
      services.clock,
      snapshot.router.settings.deadline,
      options.signal,
    );
    const recovery = plan.route.streamRecovery;
    let last: LLMError | undefined;
    for (let step: RouteStep = plan.first(); ;) {
      if (step.done) throw routeError(step, plan, last ?? step.error);
      if (step.delayMs > 0) await services.clock.sleep(step.delayMs, deadline.signal);
      // Chunks of this attempt the caller has seen (held back instead in `buffer` mode).
      let shown = false;
      let attemptText = '';
      const held: LLMStreamChunk[] = [];
      try {
        const entered = await session.enter(step.candidate, route, request);
        const { entry, request: attemptRequest } = entered;
        model = entered.model;
        const chunks = entry.pipeline.executeStream<LLMStreamChunk>(
          (attempt) =>
            entry.provider.streamCompletion(attemptRequest, session.attemptOptions(attempt)),
          {
            signal: deadline.signal,
            model,
            estimatedTokens: estimatedTokens(snapshot, entry, attemptRequest),
            actualTokens: (chunk) =>
              chunk.type === 'finish' ? chunk.usage.total_tokens : undefined,
          },
        );
        for await (const chunk of chunks) {
          receivedAny = true;
          if (chunk.type === 'text-delta') {
            receivedText += chunk.delta;
            attemptText += chunk.delta;
          }
          if (chunk.type !== 'finish') {
            if (recovery === 'buffer') held.push(chunk);
            else {
              shown = true;
              yield chunk;
            }
            continue;
          }
          const attempts = plan.succeeded();
          const usage = session.price(chunk.usage);
          settled = true;
          await session.recordSuccess(usage, chunk.metadata?.request_id);
          yield* held;
          yield {
            ...chunk,
            usage,
            metadata: {
              ...chunk.metadata,
              attempts: callAttempts(attempts),
              attempt_count: session.attemptCount,
            },
          };
          return;
        }
        return;
      } catch (thrown) {
        // A failure after the answer was recorded is no attempt's failure.
        if (settled) throw thrown;
        last = deadline.expired
          ? deadline.error(session.providerLabel, session.modelLabel)
          : toLLMError(thrown, session.providerLabel);
        if (shown && recovery === 'error') {
          // Part of the answer reached the caller: it ends with a typed error, never a finish.
          throw last.with({ details: { ...last.details, partial_text: attemptText } });
        }
        step = plan.failed(last);
        if (shown && !step.done)
          yield { type: 'restart', reason: last.type, attempt: step.attempt };
      }
    }
  } catch (thrown) {
    const error = toLLMError(thrown, session.providerLabel);
    const usage = usageAfterFailure(error.usage);
    settled = true;
    await session.recordFailure(error, usage);
    throw usage ? error.with({ usage }) : error;
  } finally {
    deadline?.dispose();
    if (!settled) {
      // The consumer stopped early (break/return): the provider request is cancelled; record what we know.
      await session.recordStopped(usageAfterFailure(undefined));
    }
  }
}

/** One embeddings call, priced at the input price and recorded like a chat call. */
export async function runEmbed(
  services: CallServices,
  snapshot: ManagerSnapshot,
  raw: EmbeddingRequest,
  options: ManagerCallOptions = {},
): Promise<EmbeddingResponse> {
  const session = new CallSession(services, snapshot, raw, options, 'embedding');
  try {
    const { request, entry } = session.open<EmbeddingRequest>(raw, checkEmbeddingRequest);
    const { provider, pipeline } = entry;
    const embed = provider.embed?.bind(provider);
    if (!embed) {
      throw new LLMError({
        type: LLMErrorType.INVALID_REQUEST,
        message: `Provider "${provider.name}" (type ${provider.type}) does not support embeddings`,
        providerName: provider.name,
        model: request.model,
        retryable: false,
      });
    }
    await session.checkBudget(request);
    const response = await pipeline.execute(
      (attempt) => embed(request, session.attemptOptions(attempt)),
      { signal: options.signal, model: request.model },
    );
    const usage = session.price(response.usage);
    await session.recordSuccess(usage, response.metadata.request_id);
    return { ...response, usage };
  } catch (thrown) {
    const error = toLLMError(thrown, session.providerLabel);
    await session.recordFailure(error);
    throw error;
  }
}
