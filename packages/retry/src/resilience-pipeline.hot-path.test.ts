import { createManualClock, isAbortedLLMError, relayAbort, type Clock } from '@llm/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestClock, flushAsync } from './__tests__/test-clock';
import { createResiliencePipeline } from './resilience-pipeline';
import { watchChunkGaps } from './timeout-policy';

/** Counts the AbortControllers constructed while a test runs (the real class, only counted). */
const OriginalAbortController = globalThis.AbortController;
let constructed = 0;
class CountingAbortController extends OriginalAbortController {
  constructor() {
    super();
    constructed += 1;
  }
}
function countControllers() {
  constructed = 0;
  globalThis.AbortController = CountingAbortController;
  return () => constructed;
}
afterEach(() => {
  globalThis.AbortController = OriginalAbortController;
});

/** A clock that counts the timers set on it. */
function countingClock(): { clock: Clock; timers: () => number } {
  const manual = createManualClock(0);
  let timers = 0;
  return {
    clock: {
      now: () => manual.now(),
      setTimer: (callback, delayMs, options) => {
        timers += 1;
        return manual.setTimer(callback, delayMs, options);
      },
      sleep: (delayMs, signal) => manual.sleep(delayMs, signal),
    },
    timers: () => timers,
  };
}

describe('the pipeline hot path', () => {
  it('runs a call with no timeouts set on the caller’s signal: no AbortController, no timer', async () => {
    const { clock, timers } = countingClock();
    const pipeline = createResiliencePipeline({ providerName: 'openai', clock });
    const caller = new AbortController();
    const controllers = countControllers();
    const seen: AbortSignal[] = [];
    for (let index = 0; index < 5; index++) {
      const result = await pipeline.execute(
        async ({ signal }) => {
          seen.push(signal);
          return index;
        },
        { signal: caller.signal, model: 'gpt-4o-mini' },
      );
      expect(result).toBe(index);
    }
    expect(controllers()).toBe(0);
    expect(timers()).toBe(0);
    expect(seen.every((signal) => signal === caller.signal)).toBe(true);
  });

  it('still ends a call at once when the caller aborts and the callee ignores its signal', async () => {
    const pipeline = createResiliencePipeline({ providerName: 'openai' });
    const caller = new AbortController();
    const running = pipeline.execute(() => new Promise<never>(() => undefined), {
      signal: caller.signal,
    });
    caller.abort();
    const error = await running.catch((thrown: unknown) => thrown);
    expect(isAbortedLLMError(error)).toBe(true);
  });

  it('turns a callee that throws synchronously into a rejected call', async () => {
    const pipeline = createResiliencePipeline({
      providerName: 'openai',
      retry: { max_attempts: 1 },
    });
    const running = pipeline.execute(() => {
      throw new TypeError('bad body');
    });
    await expect(running).rejects.toMatchObject({ message: expect.stringContaining('bad body') });
  });

  it('uses one AbortController and one timer per attempt only when a request timeout is set', async () => {
    const { clock, timers } = countingClock();
    const pipeline = createResiliencePipeline({
      providerName: 'openai',
      clock,
      timeouts: { request: 1_000 },
    });
    const caller = new AbortController();
    const controllers = countControllers();
    await pipeline.execute(async () => 'ok', { signal: caller.signal });
    expect(controllers()).toBe(1);
    expect(timers()).toBe(1);
  });
});

describe('watchChunkGaps', () => {
  it('times every gap of a long stream with one timer, re-armed only when it fires', async () => {
    const { clock, timers } = countingClock();
    const link = relayAbort();
    const gaps = watchChunkGaps({
      clock,
      timeoutMs: 60_000,
      controller: link,
      error: () => new Error('gap') as never,
    });
    const items = (async function* () {
      for (let index = 0; index < 1_000; index++) yield index;
    })();
    let count = 0;
    for (let next = await gaps.next(items); !next.done; next = await gaps.next(items)) count += 1;
    gaps.stop();
    expect(count).toBe(1_000);
    expect(timers()).toBe(1);
    expect(link.signal.aborted).toBe(false);
  });

  it('aborts when one wait lasts the whole gap, measured from the start of that wait', async () => {
    const clock = createTestClock();
    const link = relayAbort();
    const timedOut: string[] = [];
    const gaps = watchChunkGaps({
      clock,
      timeoutMs: 100,
      controller: link,
      error: () => Object.assign(new Error('chunk gap'), { kind: 'gap' }) as never,
      onTimeout: () => timedOut.push('chunk_gap'),
    });
    let release: (value: IteratorResult<number>) => void = () => undefined;
    const iterator: AsyncIterator<number> = {
      next: () => new Promise((resolve) => (release = resolve)),
    };
    const first = gaps.next(iterator);
    await clock.advanceBy(60);
    release({ value: 1, done: false });
    await expect(first).resolves.toEqual({ value: 1, done: false });
    await clock.advanceBy(30); // the consumer's own time does not count
    const second = gaps.next(iterator);
    second.catch(() => undefined);
    await clock.advanceBy(99);
    expect(link.signal.aborted).toBe(false);
    await clock.advanceBy(1);
    await flushAsync();
    expect(link.signal.aborted).toBe(true);
    expect(timedOut).toEqual(['chunk_gap']);
    await expect(second).rejects.toMatchObject({ message: 'chunk gap' });
    gaps.stop();
  });

  it('without a gap limit only races the signal', async () => {
    const { clock, timers } = countingClock();
    const link = relayAbort();
    const gaps = watchChunkGaps({ clock, controller: link, error: () => new Error('x') as never });
    const iterator: AsyncIterator<number> = { next: () => new Promise(() => undefined) };
    const next = gaps.next(iterator);
    link.abort(new Error('stopped'));
    await expect(next).rejects.toThrow('stopped');
    gaps.stop();
    expect(timers()).toBe(0);
  });
});
