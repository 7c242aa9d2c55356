// The manager's call entry points seen from outside the call path: each call is answered from the
// response cache when it may be, shares the answer of an identical call already in flight, and
// reaches the opt-in call log when it ends. The call itself runs unchanged in call-session.ts;
// a streaming call's way through the cache is in cached-stream.ts.
import { randomUUID } from 'node:crypto';
import {
  toLLMError,
  type Clock,
  type EmbeddingRequest,
  type EmbeddingResponse,
  type LLMRequest,
  type LLMResponse,
  type TokenUsage,
  type UsageTags,
} from '@llm/core';
import type { CachedOperation, CachePlan, CallCacheOption, ResponseCache } from '@llm/cache';
import type { CallContentInput } from '@llm/usage';
import type { ManagerCallOptions as CallSessionOptions } from './call-session';
import type { LazyResponseCache } from './lazy-response-cache';
import { failureKind } from './request-checks';
import type { CallEndEvent, CallStartEvent, ManagerEvents } from './manager-events';
import type { UsageAccounting } from './usage-accounting';

/** Options of one manager call: routing, attribution, and the response cache. */
export interface ManagerCallOptions extends CallSessionOptions {
  /** `false`: never from or into the cache; `true` or `{ ttl }`: cached even when `[llm.cache]` is off or the temperature varies. */
  cache?: CallCacheOption;
}

/** What the call wrapper needs of the manager: fixed for its life. */
export interface CallObserverServices {
  readonly cache: LazyResponseCache;
  readonly accounting: UsageAccounting;
  readonly clock: Clock;
  readonly emit: <Name extends keyof ManagerEvents>(
    name: Name,
    ...payload: ManagerEvents[Name]
  ) => void;
  /** Whether the opt-in call log is on now (the entry is built only then). */
  readonly callLogOn?: () => boolean;
  /** Receives each finished call's request and answer (the opt-in call log). */
  readonly onCallContent?: (entry: CallContentInput) => void;
}

export interface CallIds {
  readonly call_id: string;
  readonly request_id: string;
}

/** Stored under a cache key: the answer and the deployment that gave it. */
export interface CachedAnswer<Value> {
  readonly provider: string;
  readonly model: string;
  readonly value: Value;
}

/** The fields of a request a call-start can name before it is validated. */
export function requestFacts(raw: unknown): { model: string; provider?: string } {
  const fields = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const model = typeof fields['model'] === 'string' ? fields['model'] : '(invalid)';
  const provider = typeof fields['provider'] === 'string' ? fields['provider'] : undefined;
  return { model, ...(provider ? { provider } : {}) };
}

/** Cached only when its shape can be keyed; a malformed request goes to the call and its validation. */
function cacheable(operation: CachedOperation, raw: unknown): raw is LLMRequest | EmbeddingRequest {
  if (typeof raw !== 'object' || raw === null) return false;
  const fields = raw as Record<string, unknown>;
  if (typeof fields['model'] !== 'string') return false;
  return operation === 'embedding' ? 'input' in fields : Array.isArray(fields['messages']);
}

/** A call's cache decision: its plan and the cache, or null when the call is not cached. */
export type CacheDecision = { readonly cache: ResponseCache; readonly plan: CachePlan } | null;

/**
 * The call's cache decision when it can be made without waiting (the cache not wanted, or already
 * loaded), else undefined: a call the cache cannot want (the cache off, or `cache: false`) neither
 * loads the cache nor waits for it.
 */
function knownDecision(
  services: CallObserverServices,
  operation: CachedOperation,
  raw: unknown,
  option: CallCacheOption | undefined,
): CacheDecision | undefined {
  if (!services.cache.wanted(option) || !cacheable(operation, raw)) return null;
  const cache = services.cache.current();
  if (cache === undefined) return undefined;
  const plan = cache.plan(operation, raw, option);
  return plan ? { cache, plan } : null;
}

/** The call's cache decision, loading the cache (once per manager) when it has to. */
export async function cacheDecision(
  services: CallObserverServices,
  operation: CachedOperation,
  raw: unknown,
  option: CallCacheOption | undefined,
  known: CacheDecision | undefined,
): Promise<CacheDecision> {
  if (known !== undefined) return known;
  const cache = await services.cache.load();
  const plan = cache.plan(operation, raw as LLMRequest | EmbeddingRequest, option);
  return plan ? { cache, plan } : null;
}

/** The cost fields of a call-end; undefined ones are left out by every subscriber. */
export function costFacts(usage: TokenUsage | undefined) {
  return {
    cost: usage?.cost,
    currency: usage?.currency,
    cost_decimal: usage?.cost_breakdown?.total_decimal,
  };
}

function mergedTags(raw: unknown, options: ManagerCallOptions): UsageTags | undefined {
  const tags = (raw as { tags?: UsageTags } | undefined)?.tags;
  return tags || options.tags ? { ...tags, ...options.tags } : undefined;
}

export type CallEnd = Omit<
  CallEndEvent,
  'call_id' | 'request_id' | 'operation' | 'stream' | 'duration_ms'
>;

/**
 * What a call reports when it ends. A call that reaches the call path announces itself there
 * (`call-start` / `call-end` from its CallSession, which knows every attempt and its cost); a call
 * the cache answers never reaches it, so its two events are emitted here (`announce`). Either way
 * a finished call's request and answer go to the opt-in call log, exactly once.
 */
export function callEnded(
  services: CallObserverServices,
  start: CallStartEvent,
  raw: unknown,
): (end: CallEnd & { content?: string }, announce?: boolean) => void {
  const startedAt = services.clock.now();
  let ended = false;
  return ({ content, ...end }, announce = false) => {
    if (ended) return;
    ended = true;
    if (announce) {
      services.emit('call-start', start);
      services.emit('call-end', {
        call_id: start.call_id,
        request_id: start.request_id,
        operation: start.operation,
        stream: start.stream,
        duration_ms: services.clock.now() - startedAt,
        ...end,
        content,
      });
    }
    if (!services.onCallContent || services.callLogOn?.() === false) return;
    services.onCallContent({
      call_id: start.call_id,
      timestamp: startedAt,
      operation: start.operation,
      request: raw,
      content,
      outcome: end.outcome,
      error_message: end.error_message,
    });
  };
}

export function failureEnd(thrown: unknown, facts: { model: string; provider?: string }): CallEnd {
  const error = toLLMError(thrown, facts.provider ?? '(none)');
  const kind = failureKind(error);
  return {
    // toLLMError names a provider for every error (`(none)` before one was chosen).
    provider: error.providerName,
    model: error.model ?? facts.model,
    outcome: kind,
    error_type: kind,
    error_message: error.message,
    attempts: error.attempts?.length ?? 0,
    usage: error.usage,
    ...costFacts(error.usage),
  };
}

/** Records a call the cache answered: zero tokens, cost 0, the stored answer's usage as saved. */
export async function recordHit(
  services: CallObserverServices,
  ids: CallIds,
  answer: CachedAnswer<unknown>,
  usage: TokenUsage,
  facts: {
    raw: unknown;
    options: ManagerCallOptions;
    operation: 'chat' | 'embedding';
    stream: boolean;
    startedAt: number;
  },
): Promise<void> {
  await services.accounting.record({
    provider: answer.provider,
    model: answer.model,
    requestId: ids.request_id,
    callId: ids.call_id,
    final: true,
    outcome: 'success',
    timestamp: facts.startedAt,
    responseTime: services.clock.now() - facts.startedAt,
    usage,
    success: true,
    stream: facts.stream,
    operation: facts.operation,
    tags: mergedTags(facts.raw, facts.options),
    cacheHit: true,
  });
}

export function idsOf(options: ManagerCallOptions): CallIds {
  return {
    call_id: options.callId ?? randomUUID(),
    request_id: options.requestId ?? randomUUID(),
  };
}

export function withoutCacheOption(options: ManagerCallOptions, ids: CallIds): CallSessionOptions {
  const { cache: _cache, ...rest } = options;
  return { ...rest, requestId: ids.request_id, callId: ids.call_id };
}

/** A settled flight: the answer, and whether it came from the store rather than a provider. */
export interface Flight<Value> {
  readonly answer: CachedAnswer<Value>;
  readonly fromStore: boolean;
}

/**
 * A non-streaming call (chat or embeddings) through the cache: the first of identical concurrent
 * calls looks the key up and, on a miss, makes the call and stores its answer; the others share it.
 */
async function cachedUnary<Request, Response extends LLMResponse | EmbeddingResponse>(
  services: CallObserverServices,
  operation: 'chat' | 'embedding',
  raw: Request,
  options: ManagerCallOptions,
  run: (request: Request, options: CallSessionOptions) => Promise<Response>,
  describe: (response: Response) => {
    provider: string;
    model: string;
    attempts: number;
    content?: string;
    finish_reason?: string;
  },
  known: CacheDecision | undefined,
): Promise<Response> {
  const ids = idsOf(options);
  const facts = requestFacts(raw);
  const startedAt = services.clock.now();
  const end = callEnded(
    services,
    { ...ids, operation, stream: false, ...facts, request: raw as Partial<LLMRequest> },
    raw,
  );
  const callOptions = withoutCacheOption(options, ids);
  const live = async (): Promise<Response> => {
    try {
      const response = await run(raw, callOptions);
      const described = describe(response);
      end({
        provider: described.provider,
        model: described.model,
        outcome: 'success',
        attempts: described.attempts,
        usage: response.usage,
        ...costFacts(response.usage),
        response_model: response.model,
        finish_reason: described.finish_reason,
        content: described.content,
      });
      return response;
    } catch (thrown) {
      end(failureEnd(thrown, facts));
      throw thrown;
    }
  };
  const cached = await cacheDecision(services, operation, raw, options.cache, known);
  if (!cached) return live();
  const { cache, plan } = cached;

  const hit = async ({ answer }: Flight<Response>): Promise<Response> => {
    services.emit('cache-hit', { ...ids, model: facts.model, key_hash: plan.key });
    const stored = structuredClone(answer.value);
    await recordHit(services, ids, answer, stored.usage, {
      raw,
      options,
      operation,
      stream: false,
      startedAt,
    });
    const described = describe(stored);
    end(
      {
        provider: answer.provider,
        model: answer.model,
        outcome: 'success',
        attempts: 0,
        usage: stored.usage,
        cache_hit: true,
        cost: 0,
        currency: stored.usage.currency,
        cost_decimal: '0',
        response_model: stored.model,
        content: described.content,
      },
      true,
    );
    const { attempt_count: _count, ...metadata } = stored.metadata;
    return {
      ...stored,
      metadata: {
        ...metadata,
        ...(operation === 'chat' ? { attempts: [] } : {}),
        response_time: services.clock.now() - startedAt,
        cache_hit: true,
      },
    };
  };

  const shared = cache.flights.join(plan.key) as Promise<Flight<Response>> | undefined;
  if (shared) {
    const flight = await shared.catch(() => undefined);
    // The call it waited for failed: this one is made on its own (its failure is its own).
    return flight ? hit(flight) : live();
  }
  let answered: Response | undefined;
  const flight = cache.flights.lead(
    plan.key,
    (async (): Promise<Flight<Response>> => {
      const stored = await cache.lookup<CachedAnswer<Response>>(plan.key);
      if (stored) return { answer: stored, fromStore: true };
      services.emit('cache-miss', { ...ids, model: facts.model, key_hash: plan.key });
      answered = await live();
      const described = describe(answered);
      const answer = { provider: described.provider, model: described.model, value: answered };
      await cache.remember(plan, answer);
      return { answer, fromStore: false };
    })(),
  ) as Promise<Flight<Response>>;
  const result = await flight;
  return result.fromStore ? hit(result) : answered!;
}

/** The deployment that answered a chat call: the last attempt's, else the response's own names. */
function chatFacts(response: LLMResponse) {
  const last = response.metadata.attempts?.at(-1);
  return {
    provider: last?.provider ?? response.metadata.provider_name,
    model: last?.model ?? response.model,
    attempts: response.metadata.attempt_count ?? 1,
    content: response.content,
    finish_reason: response.finish_reason,
  };
}

/** Whether the opt-in call log is on now. */
export function logsContent(services: CallObserverServices): boolean {
  return services.onCallContent !== undefined && services.callLogOn?.() !== false;
}

/** The decision of a call that goes straight to the call path. */
export const DIRECT = Symbol('direct');

/**
 * The call's cache decision, or DIRECT when the call has nothing to do here (not cached, and no
 * call log to write): one decision per call, the cache's `wanted` and the call log read once each.
 */
export function decide(
  services: CallObserverServices,
  operation: CachedOperation,
  raw: unknown,
  option: CallCacheOption | undefined,
): CacheDecision | undefined | typeof DIRECT {
  const known = knownDecision(services, operation, raw, option);
  return known === null && !logsContent(services) ? DIRECT : known;
}

/** The call's own options when it passes through: the cache option dropped, nothing else copied. */
export function directOptions(options: ManagerCallOptions): CallSessionOptions {
  if (!('cache' in options)) return options;
  const { cache: _cache, ...rest } = options;
  return rest;
}

export function observedChat(
  services: CallObserverServices,
  request: LLMRequest,
  options: ManagerCallOptions = {},
  run: (request: LLMRequest, options: CallSessionOptions) => Promise<LLMResponse>,
): Promise<LLMResponse> {
  // Not cached (the cache is off or does not want it) and no call log: nothing to do here.
  const known = decide(services, 'chat', request, options.cache);
  if (known === DIRECT) return run(request, directOptions(options));
  return cachedUnary(services, 'chat', request, options, run, chatFacts, known);
}

export function observedEmbed(
  services: CallObserverServices,
  request: EmbeddingRequest,
  options: ManagerCallOptions = {},
  run: (request: EmbeddingRequest, options: CallSessionOptions) => Promise<EmbeddingResponse>,
): Promise<EmbeddingResponse> {
  const known = decide(services, 'embedding', request, options.cache);
  if (known === DIRECT) return run(request, directOptions(options));
  return cachedUnary(
    services,
    'embedding',
    request,
    options,
    run,
    (response) => ({
      provider: response.metadata.provider_name,
      model: response.model,
      attempts: response.metadata.attempt_count ?? 1,
    }),
    known,
  );
}
