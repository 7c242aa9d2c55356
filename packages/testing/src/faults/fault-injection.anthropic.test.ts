import { APIConnectionError, APIError } from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import { anthropicClient, sharedSimulator } from '../__tests__/clients';

const simulator = await sharedSimulator();
const anthropic = anthropicClient(simulator);
const request = {
  model: 'claude-haiku-4-5',
  max_tokens: 256,
  messages: [{ role: 'user' as const, content: 'A sentence long enough for several chunks.' }],
};

async function drain(
  stream: AsyncIterable<unknown>,
): Promise<{ events: unknown[]; failure: unknown }> {
  const events: unknown[] = [];
  try {
    for await (const event of stream) events.push(event);
    return { events, failure: undefined };
  } catch (failure) {
    return { events, failure };
  }
}

describe('faults through @anthropic-ai/sdk', () => {
  it('drop-before-headers: the call fails with a connection error', async () => {
    simulator.script({ fault: 'drop-before-headers' });
    await expect(anthropic.messages.create(request)).rejects.toBeInstanceOf(APIConnectionError);
  });

  it('mid-stream-error: an overloaded_error event after the frames sent', async () => {
    simulator.script({ fault: 'mid-stream-error', afterChunks: 4 });
    const { events, failure } = await drain(
      await anthropic.messages.create({ ...request, stream: true }),
    );
    // four frames: message_start, content_block_start, ping (skipped by the SDK), a delta
    expect(events).toHaveLength(3);
    expect(failure).toBeInstanceOf(APIError);
    expect((failure as APIError).error).toMatchObject({
      type: 'error',
      error: { type: 'overloaded_error', message: 'Overloaded' },
    });
  });

  it('mid-stream-error carries a scripted error type', async () => {
    simulator.script({
      fault: 'mid-stream-error',
      error: { status: 500, type: 'api_error', message: 'Internal server error' },
    });
    const { failure } = await drain(await anthropic.messages.create({ ...request, stream: true }));
    expect((failure as APIError).error).toMatchObject({ error: { type: 'api_error' } });
  });

  it('drop-mid-stream: the stream fails after the frames sent', async () => {
    simulator.script({ fault: 'drop-mid-stream', afterChunks: 2 });
    const { events, failure } = await drain(
      await anthropic.messages.create({ ...request, stream: true }),
    );
    expect(events).toHaveLength(2);
    expect(failure).toBeInstanceOf(Error);
  });

  it('malformed-json in a stream: the next non-ping frame does not parse', async () => {
    simulator.script({ fault: 'malformed-json', afterChunks: 2 });
    const { events, failure } = await drain(
      await anthropic.messages.create({ ...request, stream: true }),
    );
    expect(events).toHaveLength(2);
    expect(failure).toBeInstanceOf(SyntaxError);
  });

  it('hang: aborting the call is seen by the simulator', async () => {
    simulator.script({ fault: 'hang' });
    const controller = new AbortController();
    const call = anthropic.messages.create(request, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(call).rejects.toBeInstanceOf(Error);
    expect((await simulator.waitForClientClose()).protocol).toBe('anthropic');
  });
});
