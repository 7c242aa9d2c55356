// The manager's call entry points seen from outside the call path: each call is answered from the
// response cache when it may be, shares the answer of an identical call already in flight, and
// reaches the opt-in call log when it ends. The call itself runs unchanged in call-session.ts.
import { randomUUID } from 'node:crypto';
import {
  toLLMError,
  type Clock,
  type EmbeddingRequest,
  type EmbeddingResponse,
  type LLMRequest,
  type LLMResponse,
  type LLMStreamChunk,
  type TokenUsage,
  type UsageTags,
} from '@llm/core';
import type {
  CachedOperation,
  CachePlan,
  CallCacheOption,
  ResponseCache,
  ResponseCacheOptions,
  StoredStream,
} from '@llm/cache';
import type { CallContentInput } from '@llm/usage';
import type { ManagerCallOptions as CallSessionOptions } from './call-session';
import { failureKind } from './request-checks';
import type { CallEndEvent, CallStartEvent, ManagerEvents } from './manager-events';
import type { UsageAccounting } from './usage-accounting';

/** Options of one manager call: routing, attribution, and the response cache. */
export interface ManagerCallOptions extends CallSessionOptions {
  /** `false`: never from or into the cache; `true` or `{ ttl }`: cached even when `[llm.cache]` is off or the temperature varies. */
  cache?: CallCacheOption;
}

/**
 * The response cache, loaded (`@llm/cache` and its store) when the config enables it or a call
 * asks for it, never at import.
 */
export interface LazyResponseCache {
  /** The cache once loaded. */
  current(): ResponseCache | undefined;
  load(): Promise<ResponseCache>;
  /** Whether a call with `option` may be cached at all (then the cache is loaded for it). */
  wanted(option: CallCacheOption | undefined): boolean;
  close(): Promise<void>;
}

export function lazyResponseCache(options: ResponseCacheOptions): LazyResponseCache {
  let cache: ResponseCache | undefined;
  let loading: Promise<ResponseCache> | undefined;
  const load = () =>
    (loading ??= import('@llm/cache').then(
      ({ createResponseCache }) => (cache = createResponseCache(options)),
    ));
  return {
    current: () => cache,
    load,
    wanted: (option) =>
      option === undefined ? options.settings?.()?.enabled === true : option !== false,
    close: async () => {
      if (loading) await (await loading).close();
    },
  };
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

interface CallIds {
  readonly call_id: string;
  readonly request_id: string;
}

/** Stored under a cache key: the answer and the deployment that gave it. */
interface CachedAnswer<Value> {
  readonly provider: string;
  readonly model: string;
  readonly value: Value;
}

/** The fields of a request a call-start can name before it is validated. */
function requestFacts(raw: unknown): { model: string; provider?: string } {
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
type CacheDecision = { readonly cache: ResponseCache; readonly plan: CachePlan } | null;

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
async function cacheDecision(
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
function costFacts(usage: TokenUsage | undefined) {
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

type CallEnd = Omit<
  CallEndEvent,
  'call_id' | 'request_id' | 'operation' | 'stream' | 'duration_ms'
>;

/**
 * What a call reports when it ends. A call that reaches the call path announces itself there
 * (`call-start` / `call-end` from its CallSession, which knows every attempt and its cost); a call
 * the cache answers never reaches it, so its two events are emitted here (`announce`). Either way
 * a finished call's request and answer go to the opt-in call log, exactly once.
 */
function callEnded(
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

function failureEnd(thrown: unknown, facts: { model: string; provider?: string }): CallEnd {
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
async function recordHit(
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

function idsOf(options: ManagerCallOptions): CallIds {
  return {
    call_id: options.callId ?? randomUUID(),
    request_id: options.requestId ?? randomUUID(),
  };
}

function withoutCacheOption(options: ManagerCallOptions, ids: CallIds): CallSessionOptions {
  const { cache: _cache, ...rest } = options;
  return { ...rest, requestId: ids.request_id, callId: ids.call_id };
}

/** A settled flight: the answer, and whether it came from the store rather than a provider. */
interface Flight<Value> {
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
function logsContent(services: CallObserverServices): boolean {
  return services.onCallContent !== undefined && services.callLogOn?.() !== false;
}

/** The decision of a call that goes straight to the call path. */
const DIRECT = Symbol('direct');

/**
 * The call's cache decision, or DIRECT when the call has nothing to do here (not cached, and no
 * call log to write): one decision per call, the cache's `wanted` and the call log read once each.
 */
function decide(
  services: CallObserverServices,
  operation: CachedOperation,
  raw: unknown,
  option: CallCacheOption | undefined,
): CacheDecision | undefined | typeof DIRECT {
  const known = knownDecision(services, operation, raw, option);
  return known === null && !logsContent(services) ? DIRECT : known;
}

/** The call's own options when it passes through: the cache option dropped, nothing else copied. */
function directOptions(options: ManagerCallOptions): CallSessionOptions {
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

/**
 * A streaming call: the call path's own chunks when there is nothing to cache or log (no layer
 * of ours in between), else `cachedStream`. The decision is made when the caller starts reading,
 * as a generator would: nothing is sent before.
 */
export function observedStream(
  services: CallObserverServices,
  raw: LLMRequest,
  options: ManagerCallOptions = {},
  run: (request: LLMRequest, options: CallSessionOptions) => AsyncIterable<LLMStreamChunk>,
): AsyncIterable<LLMStreamChunk> {
  return {
    [Symbol.asyncIterator]: () => {
      const known = decide(services, 'stream', raw, options.cache);
      if (known === DIRECT) return run(raw, directOptions(options))[Symbol.asyncIterator]();
      return cachedStream(services, raw, options, run, known);
    },
  };
}

/**
 * A streaming call through the cache. On a miss the chunks reach the caller as they arrive while
 * the answer is assembled (`StreamRecorder`: a string append or a field write per chunk), and the
 * assembled answer is stored once the stream finishes; a hit (or a call that waited for an
 * identical one) replays it (`replayStream`), its `finish` chunk marked `metadata.cache_hit`.
 */
async function* cachedStream(
  services: CallObserverServices,
  raw: LLMRequest,
  options: ManagerCallOptions,
  run: (request: LLMRequest, options: CallSessionOptions) => AsyncIterable<LLMStreamChunk>,
  known: CacheDecision | undefined,
): AsyncGenerator<LLMStreamChunk, void, undefined> {
  const ids = idsOf(options);
  const facts = requestFacts(raw);
  const startedAt = services.clock.now();
  const end = callEnded(
    services,
    { ...ids, operation: 'chat', stream: true, ...facts, request: raw },
    raw,
  );
  const callOptions = withoutCacheOption(options, ids);
  const cached = await cacheDecision(services, 'stream', raw, options.cache, known);
  const plan = cached?.plan;
  const cache = cached?.cache;

  let settle: ((flight: Flight<StoredStream> | undefined) => void) | undefined;
  if (plan && cache) {
    const shared = cache.flights.join(plan.key) as
      Promise<Flight<StoredStream> | undefined> | undefined;
    if (shared) {
      const flight = await shared.catch(() => undefined);
      if (flight) {
        yield* replay(cache, flight.answer);
        return;
      }
    } else {
      cache.flights.lead(
        plan.key,
        new Promise<Flight<StoredStream> | undefined>((resolve) => (settle = resolve)),
      );
      const stored = await cache.lookup<CachedAnswer<StoredStream>>(plan.key);
      if (stored) {
        settle!({ answer: stored, fromStore: true });
        yield* replay(cache, stored);
        return;
      }
      services.emit('cache-miss', { ...ids, model: facts.model, key_hash: plan.key });
    }
  }

  async function* replay(from: ResponseCache, answer: CachedAnswer<StoredStream>) {
    services.emit('cache-hit', { ...ids, model: facts.model, key_hash: plan!.key });
    // A copy: the answer of a flight is shared by every call that waited for it.
    const chunks = from.replayStream(structuredClone(answer.value));
    const finish = chunks.at(-1);
    const usage = finish?.type === 'finish' ? finish.usage : undefined;
    if (usage)
      await recordHit(services, ids, answer, usage, {
        raw,
        options,
        operation: 'chat',
        stream: true,
        startedAt,
      });
    let text = '';
    let firstChunkAt: number | undefined;
    for (const chunk of chunks) {
      firstChunkAt ??= services.clock.now() - startedAt;
      if (chunk.type === 'text-delta') text += chunk.delta;
      if (chunk.type === 'finish') {
        const { attempt_count: _count, ...metadata } = chunk.metadata ?? {};
        end(
          {
            provider: answer.provider,
            model: answer.model,
            outcome: 'success',
            attempts: 0,
            usage: chunk.usage,
            cache_hit: true,
            cost: 0,
            currency: chunk.usage.currency,
            cost_decimal: '0',
            ttfc_ms: firstChunkAt,
            response_model: chunk.model,
            finish_reason: chunk.finish_reason,
            content: text,
          },
          true,
        );
        yield { ...chunk, metadata: { ...metadata, attempts: [], cache_hit: true } };
      } else yield chunk;
    }
  }

  // The answer is assembled only to be stored, the text only for the call log.
  const recorder = plan && cache ? cache.recordStream() : undefined;
  const logs = logsContent(services);
  let text = '';
  let firstChunkAt: number | undefined;
  let finished = false;
  const iterator = run(raw, callOptions)[Symbol.asyncIterator]();
  try {
    for (;;) {
      const step = await iterator.next();
      if (step.done) break;
      const chunk = step.value;
      recorder?.add(chunk);
      if (logs) {
        if (chunk.type === 'restart') text = '';
        else if (chunk.type === 'text-delta') text += chunk.delta;
      }
      if (chunk.type !== 'finish') {
        firstChunkAt ??= services.clock.now() - startedAt;
        yield chunk;
        continue;
      }
      finished = true;
      const last = chunk.metadata?.attempts?.at(-1);
      const provider =
        last?.provider ?? chunk.metadata?.provider_name ?? facts.provider ?? '(none)';
      const model = last?.model ?? facts.model;
      end({
        provider,
        model,
        outcome: 'success',
        attempts: chunk.metadata?.attempt_count ?? 1,
        usage: chunk.usage,
        ...costFacts(chunk.usage),
        ttfc_ms: firstChunkAt,
        response_model: chunk.model,
        finish_reason: chunk.finish_reason,
        content: text,
      });
      const stored = recorder?.stored();
      if (plan && cache && stored) {
        const answer = { provider, model, value: stored };
        await cache.remember(plan, answer);
        settle?.({ answer, fromStore: false });
      }
      yield chunk;
    }
  } catch (thrown) {
    end(failureEnd(thrown, facts));
    throw thrown;
  } finally {
    if (!finished) {
      await iterator.return?.();
      end({
        provider: facts.provider ?? '(none)',
        model: facts.model,
        outcome: 'aborted',
        error_type: 'aborted',
        error_message: 'The consumer stopped reading the stream before it finished.',
        attempts: 0,
      });
    }
    // Waiting calls make their own request when this one did not finish.
    settle?.(undefined);
  }
}
