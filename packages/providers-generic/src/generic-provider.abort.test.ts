import { isAbortedLLMError } from '@llm/core';
import { describe, expect, it } from 'vitest';
import { ask, genericConfig, useSimulator } from './__tests__/simulator';
import { GenericProvider } from './generic-provider';

const simulator = useSimulator();
const slowStream = {
  reply: { text: 'a long answer that trickles out one piece at a time', chunk_size: 2 },
  chunkDelayMs: 50,
};

describe('cancelling a generic provider call', () => {
  it('aborting the signal stops the server-side stream within 100 ms', async () => {
    simulator.current.script(slowStream);
    const provider = new GenericProvider(genericConfig(simulator.current, { preset: 'vllm' }));
    const controller = new AbortController();
    const stream = provider.streamCompletion(ask(), { signal: controller.signal });
    let caught: unknown;
    let abortedAt = 0;
    const closed = simulator.current.waitForClientClose(2000);
    try {
      for await (const chunk of stream) {
        if (chunk.type === 'text-delta' && abortedAt === 0) {
          abortedAt = Date.now();
          controller.abort();
        }
      }
    } catch (error) {
      caught = error;
    }
    const request = await closed;
    expect(isAbortedLLMError(caught)).toBe(true);
    expect(request.closedByClientAt).toBeDefined();
    expect(request.closedByClientAt! - abortedAt).toBeLessThan(100);
  });

  it('breaking out of the loop closes the request', async () => {
    simulator.current.script(slowStream);
    const provider = new GenericProvider(genericConfig(simulator.current));
    const closed = simulator.current.waitForClientClose(2000);
    for await (const chunk of provider.streamCompletion(ask())) {
      if (chunk.type === 'text-delta') break;
    }
    const request = await closed;
    expect(request.closedByClientAt).toBeDefined();
  });

  it('aborting a non-streaming call rejects with the aborted error', async () => {
    simulator.current.script({ reply: { text: 'late' }, delayMs: 1000 });
    const provider = new GenericProvider(genericConfig(simulator.current));
    const controller = new AbortController();
    const call = provider.chatCompletion(ask(), { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(call).rejects.toSatisfy(isAbortedLLMError);
  });
});
