import { LLMErrorType, type LLMError } from '@llm/core';
import { describe, expect, it } from 'vitest';
import { deterministicPipeline } from './__tests__/deterministic-pipeline';
import { providerError } from './__tests__/llm-errors';
import { collectStream, scriptedSource } from './__tests__/scripted-stream-source';
import { createTestClock } from './__tests__/test-clock';
import type { AttemptContext, ResiliencePipelineOptions } from './resilience-pipeline';

function setup(options: Partial<ResiliencePipelineOptions> = {}) {
  const clock = createTestClock();
  return { clock, pipeline: deterministicPipeline(clock, options) };
}

describe('executeStream: the watch of each attempt', () => {
  it('tells the first item of each attempt once, with the context open was given', async () => {
    const { clock, pipeline } = setup();
    const { open } = scriptedSource(clock, [
      { steps: [providerError(LLMErrorType.SERVER_ERROR)] },
      { steps: [5, 5, 5] },
    ]);
    const contexts: AttemptContext[] = [];
    const seen: Array<[string, number]> = [];
    const { items } = await collectStream(
      clock,
      pipeline.executeStream(
        (context) => {
          contexts.push(context);
          return open(context);
        },
        { watch: { firstItem: (item, context) => seen.push([item, context.attempt]) } },
      ),
    );
    expect(items).toEqual(['item-0', 'item-1', 'item-2']);
    expect(seen).toEqual([['item-0', 2]]);
    expect(contexts.map((context) => context.attempt)).toEqual([1, 2]);
  });

  it('goes on with what failed returns: a failure it marks final is not retried', async () => {
    const { clock, pipeline } = setup();
    const { open, log } = scriptedSource(clock, [
      { steps: [providerError(LLMErrorType.SERVER_ERROR)] },
      { steps: [5] },
    ]);
    const failures: unknown[] = [];
    const { error } = await collectStream(
      clock,
      pipeline.executeStream(open, {
        watch: {
          failed: (thrown, context) => {
            failures.push([context.attempt, (thrown as LLMError).type]);
            return (thrown as LLMError).with({ retryable: false });
          },
        },
      }),
    );
    expect(log.opens).toBe(1);
    expect(failures).toEqual([[1, 'server_error']]);
    expect(error).toMatchObject({ type: 'server_error', retryable: false });
  });

  it('is told when open itself throws, and after the first item when a pull fails', async () => {
    const { clock, pipeline } = setup({ retry: { max_attempts: 2 } });
    const { open } = scriptedSource(clock, [
      { steps: [5, providerError(LLMErrorType.NETWORK_ERROR)] },
    ]);
    let opens = 0;
    const failures: string[] = [];
    const { items, error } = await collectStream(
      clock,
      pipeline.executeStream(
        (context) => {
          opens += 1;
          if (opens === 1) throw providerError(LLMErrorType.SERVER_ERROR);
          return open(context);
        },
        { watch: { failed: (thrown) => (failures.push((thrown as LLMError).type), thrown) } },
      ),
    );
    expect(items).toEqual(['item-0']);
    expect(failures).toEqual(['server_error', 'network']);
    expect(error).toMatchObject({ type: 'network' });
  });

  it('is still told of a pull the pipeline gave up on at its first-chunk timeout', async () => {
    const { clock, pipeline } = setup({
      timeouts: { first_chunk: 100 },
      retry: { max_attempts: 1 },
    });
    const late = providerError(LLMErrorType.NETWORK_ERROR);
    // A source that ignores its signal and fails long after the timeout.
    const open = () => ({
      [Symbol.asyncIterator]: (): AsyncIterator<string> => ({
        next: () => clock.sleep(300).then(() => Promise.reject(late)),
      }),
    });
    const failures: unknown[] = [];
    const { error } = await collectStream(
      clock,
      pipeline.executeStream(open, {
        watch: { failed: (thrown) => (failures.push(thrown), new Error('goes nowhere')) },
      }),
    );
    expect(error).toMatchObject({ type: 'timeout', details: { reason: 'first_chunk_timeout' } });
    expect(failures).toEqual([]);
    await clock.advanceBy(300);
    expect(failures).toEqual([late]);
  });
});
