import { LLMError, LLMErrorType } from '@llm/core';
import { describe, expect, it } from 'vitest';
import { deterministicPipeline } from './__tests__/deterministic-pipeline';
import { providerError } from './__tests__/llm-errors';
import { collectStream, scriptedSource } from './__tests__/scripted-stream-source';
import { createTestClock, flushAsync } from './__tests__/test-clock';
import type { ResiliencePipelineOptions } from './resilience-pipeline';

function setup(options: Partial<ResiliencePipelineOptions> = {}) {
  const clock = createTestClock();
  return { clock, pipeline: deterministicPipeline(clock, options) };
}

/** The iterator protocol of `executeStream`, as an async generator kept it. */
describe('executeStream: the iterator', () => {
  it('opens nothing before the first next(), and nothing at all when returned first', async () => {
    const { clock, pipeline } = setup();
    const { open, log } = scriptedSource(clock, [{ steps: [1] }]);
    const stream = pipeline.executeStream(open)[Symbol.asyncIterator]();
    await flushAsync();
    expect(log.opens).toBe(0);
    await expect(stream.return!()).resolves.toEqual({ done: true, value: undefined });
    await expect(stream.next()).resolves.toEqual({ done: true, value: undefined });
    expect(log.opens).toBe(0);
  });

  it('answers calls made while one is in flight in order, one pull each', async () => {
    const { clock, pipeline } = setup();
    const { open, log } = scriptedSource(clock, [{ steps: [5, 5] }]);
    const stream = pipeline.executeStream(open)[Symbol.asyncIterator]();
    const pulls = Promise.all([stream.next(), stream.next(), stream.next(), stream.next()]);
    await expect(clock.runUntilSettled(pulls)).resolves.toEqual([
      { done: false, value: 'item-0' },
      { done: false, value: 'item-1' },
      { done: true, value: undefined },
      { done: true, value: undefined },
    ]);
    expect(log.opens).toBe(1);
    expect(log.closed).toBe(1);
  });

  it('lets a return() made during a pull wait for it, then releases the attempt', async () => {
    const { clock, pipeline } = setup({ rateLimit: { max_concurrency: 1, max_queue: 0 } });
    const { open, log } = scriptedSource(clock, [{ steps: [5, 5, 5] }]);
    const stream = pipeline.executeStream(open)[Symbol.asyncIterator]();
    const first = stream.next();
    const stopped = stream.return!();
    await expect(clock.runUntilSettled(first)).resolves.toEqual({ done: false, value: 'item-0' });
    await expect(stopped).resolves.toEqual({ done: true, value: undefined });
    expect(log.closed).toBe(1);
    expect(log.signals[0]?.aborted).toBe(true);
    await expect(pipeline.execute(async () => 'free')).resolves.toBe('free');
  });

  it('ends a stream whose source has no item as a success', async () => {
    const { clock, pipeline } = setup({ circuitBreaker: { failure_threshold: 1 } });
    const { open, log } = scriptedSource(clock, [{ steps: [] }]);
    await expect(collectStream(clock, pipeline.executeStream(open))).resolves.toEqual({
      items: [],
      error: undefined,
    });
    expect(log.signals[0]?.aborted).toBe(false);
    expect(pipeline.breakerState().state).toBe('closed');
  });

  it('throw() mid-stream ends it with that failure: the source is aborted and the breaker counts it', async () => {
    const { clock, pipeline } = setup({ circuitBreaker: { failure_threshold: 1 } });
    const { open, log } = scriptedSource(clock, [{ steps: [5, 5], hangAfter: true }]);
    const stream = pipeline.executeStream(open)[Symbol.asyncIterator]();
    await clock.runUntilSettled(stream.next());
    const broken = providerError(LLMErrorType.SERVER_ERROR);
    await expect(stream.throw!(broken)).rejects.toBe(broken);
    expect(log.signals[0]?.aborted).toBe(true);
    expect(pipeline.breakerState().state).toBe('open');
    await expect(stream.next()).resolves.toEqual({ done: true, value: undefined });
  });

  it('throw() before the first next() rejects with its value and opens nothing', async () => {
    const { clock, pipeline } = setup();
    const { open, log } = scriptedSource(clock, [{ steps: [1] }]);
    const stream = pipeline.executeStream(open)[Symbol.asyncIterator]();
    const reason = new LLMError({ type: LLMErrorType.UNKNOWN_ERROR, message: 'not wanted' });
    await expect(stream.throw!(reason)).rejects.toBe(reason);
    expect(log.opens).toBe(0);
  });

  it('fails with a typed error when isLast itself throws', async () => {
    const { clock, pipeline } = setup();
    const { open, log } = scriptedSource(clock, [{ steps: [5, 5] }]);
    const { items, error } = await collectStream(
      clock,
      pipeline.executeStream(open, {
        isLast: () => {
          throw new TypeError('cannot tell');
        },
      }),
    );
    expect(items).toEqual([]);
    expect(LLMError.is(error)).toBe(true);
    expect(error?.message).toContain('cannot tell');
    expect(log.signals[0]?.aborted).toBe(true);
  });

  it('retries a source whose next() throws at once, and fails a stream whose later next() does', async () => {
    const { clock, pipeline } = setup();
    let opened = 0;
    const broken = providerError(LLMErrorType.SERVER_ERROR);
    const open = () => {
      opened += 1;
      let pulls = 0;
      const iterator: AsyncIterator<string> = {
        next: () => {
          pulls += 1;
          if (opened === 1 || pulls > 1) throw broken;
          return Promise.resolve({ done: false, value: `from-${opened}` });
        },
      };
      return { [Symbol.asyncIterator]: () => iterator };
    };
    const { items, error } = await collectStream(clock, pipeline.executeStream(open));
    expect(opened).toBe(2);
    expect(items).toEqual(['from-2']);
    expect(error).toBe(broken);
  });

  it('fails at once on a next() after the caller aborted between items, without pulling the source', async () => {
    const { clock, pipeline } = setup();
    const controller = new AbortController();
    const { open } = scriptedSource(clock, [{ steps: [5, 5] }]);
    const iterable = pipeline.executeStream(open, { signal: controller.signal });
    const stream = iterable[Symbol.asyncIterator]();
    await clock.runUntilSettled(stream.next());
    controller.abort();
    const error = await stream.next().catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ code: 'aborted' });
  });
});
