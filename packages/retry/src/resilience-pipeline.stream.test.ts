import { getEventListeners } from 'node:events';
import { isAbortedLLMError, LLMErrorType } from '@llm/core';
import { describe, expect, it } from 'vitest';
import { providerError } from './__tests__/llm-errors';
import { createTestClock } from './__tests__/test-clock';
import { deterministicPipeline } from './__tests__/deterministic-pipeline';
import type { ResiliencePipelineOptions } from './resilience-pipeline';
import {
  collectStream as collect,
  scriptedSource as source,
} from './__tests__/scripted-stream-source';

function setup(options: Partial<ResiliencePipelineOptions> = {}) {
  const clock = createTestClock();
  return { clock, pipeline: deterministicPipeline(clock, options) };
}

describe('createResiliencePipeline: executeStream', () => {
  it('passes every item through and counts a success', async () => {
    const { clock, pipeline } = setup();
    const { open, log } = source(clock, [{ steps: [10, 10, 10] }]);
    const { items, error } = await collect(clock, pipeline.executeStream(open));
    expect(items).toEqual(['item-0', 'item-1', 'item-2']);
    expect(error).toBeUndefined();
    expect(log.opens).toBe(1);
  });

  it('opens the stream afresh when it fails before its first item', async () => {
    const { clock, pipeline } = setup();
    const { open, log } = source(clock, [
      { steps: [providerError(LLMErrorType.SERVER_ERROR)] },
      { steps: [5, 5] },
    ]);
    const { items } = await collect(clock, pipeline.executeStream(open));
    expect(items).toEqual(['item-0', 'item-1']);
    expect(log.attempts).toEqual([1, 2]);
  });

  it('never retries after the first item reached the caller', async () => {
    const { clock, pipeline } = setup();
    const broken = providerError(LLMErrorType.SERVER_ERROR);
    const { open, log } = source(clock, [{ steps: [5, broken] }]);
    const { items, error } = await collect(clock, pipeline.executeStream(open));
    expect(items).toEqual(['item-0']);
    expect(error).toBe(broken);
    expect(log.opens).toBe(1);
  });

  it('retries a stream whose first chunk does not come in time', async () => {
    const { clock, pipeline } = setup({
      timeouts: { first_chunk: 100 },
      retry: { jitter: 'none', policies: { timeout: { max_retries: 1 } } },
    });
    const { open, log } = source(clock, [{ steps: [500] }]);
    const { error } = await collect(clock, pipeline.executeStream(open));
    expect(error).toMatchObject({ type: 'timeout', details: { reason: 'first_chunk_timeout' } });
    expect(log.opens).toBe(2);
    expect(log.signals.every((signal) => signal.aborted)).toBe(true);
  });

  it('fails without retry when the gap between chunks is too long', async () => {
    const { clock, pipeline } = setup({ timeouts: { chunk_gap: 50 } });
    const { open, log } = source(clock, [{ steps: [10, 10], hangAfter: true }]);
    const { items, error } = await collect(clock, pipeline.executeStream(open));
    expect(items).toEqual(['item-0', 'item-1']);
    expect(error).toMatchObject({
      type: 'timeout',
      details: { reason: 'chunk_gap_timeout', timeoutMs: 50 },
    });
    expect(clock.now()).toBe(70);
    expect(log.opens).toBe(1);
    expect(log.signals[0]?.aborted).toBe(true);
  });

  it('holds its concurrency slot until the stream ends', async () => {
    const { clock, pipeline } = setup({ rateLimit: { max_concurrency: 1 } });
    const { open } = source(clock, [{ steps: [100, 100] }]);
    const first = collect(clock, pipeline.executeStream(open));
    await clock.advanceBy(1);
    const second = pipeline.execute(async () => clock.now());
    await first;
    await expect(clock.runUntilSettled(second)).resolves.toBe(200);
  });

  it('releases its slot and closes the source when the consumer stops early', async () => {
    const { clock, pipeline } = setup({
      rateLimit: { max_concurrency: 1, max_queue: 0 },
      circuitBreaker: { failure_threshold: 1 },
    });
    const { open, log } = source(clock, [{ steps: [10, 10, 10] }]);
    const reading = (async () => {
      for await (const item of pipeline.executeStream(open)) return item;
      return undefined;
    })();
    await expect(clock.runUntilSettled(reading)).resolves.toBe('item-0');
    expect(log.closed).toBe(1);
    expect(log.signals[0]?.aborted).toBe(true);
    await expect(pipeline.execute(async () => 'free')).resolves.toBe('free');
    expect(pipeline.breakerState().state).toBe('closed');
  });

  it('completes at the item isLast names: the source finishes unaborted however the consumer stops', async () => {
    const { clock, pipeline } = setup({
      rateLimit: { max_concurrency: 1, max_queue: 0 },
      circuitBreaker: { failure_threshold: 1 },
    });
    // The source would go on (item-2, then hang): isLast stops reading at item-1.
    const { open, log } = source(clock, [{ steps: [10, 10, 10], hangAfter: true }]);
    const reading = (async () => {
      const items: string[] = [];
      for await (const item of pipeline.executeStream(open, {
        isLast: (item) => item === 'item-1',
      })) {
        items.push(item);
        if (item === 'item-1') break;
      }
      return items;
    })();
    await expect(clock.runUntilSettled(reading)).resolves.toEqual(['item-0', 'item-1']);
    expect(log.closed).toBe(1);
    expect(log.signals[0]?.aborted).toBe(false);
    await expect(pipeline.execute(async () => 'free')).resolves.toBe('free');
    expect(pipeline.breakerState().state).toBe('closed');
    // A consumer that reads on after the last item sees the stream end there.
    const { open: again } = source(clock, [{ steps: [10, 10, 10], hangAfter: true }]);
    const all = await collect(
      clock,
      pipeline.executeStream(again, { isLast: (item) => item === 'item-1' }),
    );
    expect(all).toEqual({ items: ['item-0', 'item-1'], error: undefined });
  });

  it('stops following the caller at the item isLast names: an abort after it reaches no source, and no listener is left', async () => {
    const { clock, pipeline } = setup();
    const caller = new AbortController();
    const { open, log } = source(clock, [{ steps: [10, 10, 10], hangAfter: true }]);
    const streamed = pipeline.executeStream(open, {
      signal: caller.signal,
      isLast: (item) => item === 'item-1',
    });
    const stream = streamed[Symbol.asyncIterator]();
    await expect(clock.runUntilSettled(stream.next())).resolves.toEqual({
      done: false,
      value: 'item-0',
    });
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(1);
    await expect(clock.runUntilSettled(stream.next())).resolves.toEqual({
      done: false,
      value: 'item-1',
    });
    // The stream is complete before the consumer asks for more: the caller may abort its signal
    // now (the source, e.g. a connection draining its last bytes, never sees it).
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0);
    caller.abort();
    expect(log.signals[0]?.aborted).toBe(false);
    await expect(stream.next()).resolves.toEqual({ done: true, value: undefined });
    expect(log.signals[0]?.aborted).toBe(false);
  });

  it('ends with the abort when the caller aborts mid-stream', async () => {
    const { clock, pipeline } = setup();
    const controller = new AbortController();
    const { open } = source(clock, [{ steps: [10, 1000] }]);
    const items: string[] = [];
    const reading = (async () => {
      for await (const item of pipeline.executeStream(open, { signal: controller.signal }))
        items.push(item);
    })();
    const outcome = reading.then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    await clock.advanceBy(20);
    controller.abort();
    const error = await outcome;
    expect(clock.now()).toBe(20);
    expect(items).toEqual(['item-0']);
    expect(isAbortedLLMError(error)).toBe(true);
  });

  it('reconciles the token reservation with the last usage the stream reports', async () => {
    const { clock, pipeline } = setup({ rateLimit: { tokens_per_minute: 1000 } });
    const { open } = source(clock, [{ steps: [1, 1] }]);
    const usage = (item: string) => (item === 'item-1' ? 100 : undefined);
    await collect(
      clock,
      pipeline.executeStream(open, { estimatedTokens: 900, actualTokens: usage }),
    );
    const next = pipeline.execute(async () => clock.now(), { estimatedTokens: 900 });
    await expect(clock.runUntilSettled(next)).resolves.toBe(2);
  });

  it('fails fast without opening the stream while the breaker is open', async () => {
    const { clock, pipeline } = setup({
      circuitBreaker: { failure_threshold: 1 },
      retry: { max_attempts: 1 },
    });
    await clock.runUntilSettled(
      pipeline
        .execute(() => Promise.reject(providerError(LLMErrorType.NETWORK_ERROR)))
        .catch(() => undefined),
    );
    const { open, log } = source(clock, [{ steps: [1] }]);
    const { error } = await collect(clock, pipeline.executeStream(open));
    expect(error?.details).toMatchObject({ reason: 'circuit_open' });
    expect(log.opens).toBe(0);
  });
});
