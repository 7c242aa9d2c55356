import { describe, expect, it, vi } from 'vitest';
import { openaiClient } from '../__tests__/clients';
import { startSimulator } from '../start-simulator';

const request = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'wait' }] };

async function abortedRequest(simulator: Awaited<ReturnType<typeof startSimulator>>) {
  simulator.script({ fault: 'hang' });
  const controller = new AbortController();
  const call = openaiClient(simulator).chat.completions.create(request, {
    signal: controller.signal,
  });
  await vi.waitFor(() => expect(simulator.requests.length).toBeGreaterThan(0));
  controller.abort();
  await call.catch(() => undefined);
}

describe('waiting for a client to close a connection early', () => {
  it('returns a request that was already closed, and each closed request only once', async () => {
    const simulator = await startSimulator();
    try {
      await abortedRequest(simulator);
      await vi.waitFor(() => expect(simulator.requests[0]?.closedByClientAt).toBeDefined());
      const first = await simulator.waitForClientClose(1000);
      expect(first.id).toBe(simulator.requests[0]?.id);
      await expect(simulator.waitForClientClose(5)).rejects.toThrow(
        'llm-sim: no client closed a connection early within 5 ms',
      );
    } finally {
      await simulator.close();
    }
  });

  it('fails a pending wait when the simulator closes', async () => {
    const simulator = await startSimulator();
    const waiting = simulator.waitForClientClose(10_000);
    await simulator.close();
    await expect(waiting).rejects.toThrow('llm-sim: the simulator closed');
  });
});
