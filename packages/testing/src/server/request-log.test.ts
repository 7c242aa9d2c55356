import { describe, expect, it, vi } from 'vitest';
import { anthropicClient, openaiClient, sharedSimulator } from '../__tests__/clients';

const simulator = await sharedSimulator();
const openai = openaiClient(simulator);
const request = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'log me' }] };

describe('the request log', () => {
  it('records method, path, query, lower-cased headers, parsed body and protocol', async () => {
    await openai.chat.completions.create(request, {
      query: { trace: 'yes' },
      headers: { 'X-Custom-Header': 'Value' },
    });
    expect(simulator.requests).toHaveLength(1);
    expect(simulator.requests[0]).toMatchObject({
      id: expect.any(Number),
      method: 'POST',
      path: '/v1/chat/completions',
      query: { trace: 'yes' },
      headers: { 'x-custom-header': 'Value', authorization: 'Bearer test' },
      body: request,
      protocol: 'openai',
      receivedAt: expect.any(Number),
    });
  });

  it('leaves closedByClientAt unset for a request answered in full', async () => {
    await openai.chat.completions.create(request);
    expect(simulator.requests[0]?.closedByClientAt).toBeUndefined();
  });

  it('sets closedByClientAt within 100 ms of an abort', async () => {
    simulator.script({ fault: 'hang' });
    const controller = new AbortController();
    const call = openai.chat.completions.create(request, { signal: controller.signal });
    await vi.waitFor(() => expect(simulator.requests).toHaveLength(1));
    const abortedAt = Date.now();
    controller.abort();
    await call.catch(() => undefined);
    const closed = await simulator.waitForClientClose();
    expect(closed.closedByClientAt! - abortedAt).toBeLessThan(100);
  });

  it('sees a client break out of a stream', async () => {
    simulator.script({ reply: { text: 'x'.repeat(400), chunk_size: 4 }, chunkDelayMs: 20 });
    const stream = await anthropicClient(simulator).messages.create({
      model: 'claude-haiku-4-5',
      max_tokens: 500,
      messages: request.messages,
      stream: true,
    });
    let seen = 0;
    for await (const _event of stream) {
      seen += 1;
      if (seen === 3) break;
    }
    const closed = await simulator.waitForClientClose();
    expect(closed.protocol).toBe('anthropic');
  });

  it('does not count a fault that drops the socket as a client close', async () => {
    simulator.script({ fault: 'drop-before-headers' });
    await openai.chat.completions.create(request).catch(() => undefined);
    await expect(simulator.waitForClientClose(150)).rejects.toThrow(
      'no client closed a connection early within 150 ms',
    );
  });

  it('forgets requests and steps on reset', async () => {
    await openai.chat.completions.create(request);
    simulator.script({ reply: { text: 'pending' } });
    simulator.reset();
    expect(simulator.requests).toHaveLength(0);
    expect(simulator.pendingSteps()).toBe(0);
  });
});
