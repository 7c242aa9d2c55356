// A streaming call seen from outside the call path: straight to it when there is nothing to cache
// or log, else through the response cache (recorded as it streams, replayed on a hit) and the
// opt-in call log.
import type { LLMRequest, LLMStreamChunk } from '@llm/core';
import type { ResponseCache, StoredStream } from '@llm/cache';
import type { ManagerCallOptions as CallSessionOptions } from './call-session';
import {
  cacheDecision,
  callEnded,
  costFacts,
  decide,
  DIRECT,
  directOptions,
  failureEnd,
  idsOf,
  logsContent,
  recordHit,
  requestFacts,
  withoutCacheOption,
  type CacheDecision,
  type CachedAnswer,
  type CallObserverServices,
  type Flight,
  type ManagerCallOptions,
} from './cached-call';

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
