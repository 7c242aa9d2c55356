import { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import { describe, expect, it } from 'vitest';
import { openaiClient, sharedSimulator } from '../__tests__/clients';

const simulator = await sharedSimulator();
const openai = openaiClient(simulator);
const base = {
  model: 'gpt-4o',
  messages: [{ role: 'user' as const, content: 'A sentence long enough for several chunks.' }],
};
const streaming = { ...base, stream: true as const };

/** Read a stream until it ends or fails; the chunks that arrived and the failure, if any. */
async function drain(
  stream: AsyncIterable<unknown>,
): Promise<{ chunks: unknown[]; failure: unknown }> {
  const chunks: unknown[] = [];
  try {
    for await (const chunk of stream) chunks.push(chunk);
    return { chunks, failure: undefined };
  } catch (failure) {
    return { chunks, failure };
  }
}

describe('faults through the openai SDK', () => {
  it('drop-before-headers: the call fails with a connection error', async () => {
    simulator.script({ fault: 'drop-before-headers' });
    await expect(openai.chat.completions.create(base)).rejects.toBeInstanceOf(APIConnectionError);
  });

  it('drop-mid-stream: the stream fails after the chunks sent before the drop', async () => {
    simulator.script({ fault: 'drop-mid-stream', afterChunks: 3 });
    const { chunks, failure } = await drain(await openai.chat.completions.create(streaming));
    expect(chunks).toHaveLength(3);
    expect(failure).toBeInstanceOf(Error);
  });

  it('drop-mid-stream on a JSON answer: the body read fails', async () => {
    simulator.script({ fault: 'drop-mid-stream' });
    await expect(openai.chat.completions.create(base)).rejects.toBeInstanceOf(Error);
  });

  it('mid-stream-error: the SDK raises the in-stream error after the chunks', async () => {
    simulator.script({
      fault: 'mid-stream-error',
      afterChunks: 2,
      error: { status: 500, message: 'The model crashed.' },
    });
    const { chunks, failure } = await drain(await openai.chat.completions.create(streaming));
    expect(chunks).toHaveLength(2);
    expect(failure).toBeInstanceOf(APIError);
    expect((failure as APIError).error).toMatchObject({
      message: 'The model crashed.',
      type: 'server_error',
    });
  });

  it('mid-stream-error on a JSON answer: an HTTP error status', async () => {
    simulator.script({ fault: 'mid-stream-error' });
    await expect(openai.chat.completions.create(base)).rejects.toMatchObject({ status: 500 });
  });

  it('malformed-json: a 200 JSON body that does not parse', async () => {
    simulator.script({ fault: 'malformed-json' });
    await expect(openai.chat.completions.create(base)).rejects.toBeInstanceOf(SyntaxError);
  });

  it('malformed-json in a stream: the frame after afterChunks does not parse', async () => {
    simulator.script({ fault: 'malformed-json', afterChunks: 1 });
    const { chunks, failure } = await drain(await openai.chat.completions.create(streaming));
    expect(chunks).toHaveLength(1);
    expect(failure).toBeInstanceOf(SyntaxError);
  });

  it('hang: nothing comes back until the client gives up', async () => {
    simulator.script({ fault: 'hang' });
    await expect(openai.chat.completions.create(base, { timeout: 150 })).rejects.toBeInstanceOf(
      APIConnectionTimeoutError,
    );
    const closed = await simulator.waitForClientClose();
    expect(closed.closedByClientAt).toBeDefined();
  });

  it('hang with afterChunks on a stream: the chunks arrive, then silence', async () => {
    simulator.script({ fault: 'hang', afterChunks: 2 });
    const controller = new AbortController();
    const stream = await openai.chat.completions.create(streaming, { signal: controller.signal });
    const chunks: unknown[] = [];
    for await (const chunk of stream) {
      chunks.push(chunk);
      if (chunks.length === 2) setTimeout(() => controller.abort(), 100);
    }
    expect(chunks).toHaveLength(2);
    expect((await simulator.waitForClientClose()).path).toBe('/v1/chat/completions');
  });

  it('delayMs: the answer waits before its headers', async () => {
    simulator.script({ delayMs: 150 });
    const started = Date.now();
    await openai.chat.completions.create(base);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('chunkDelayMs: the frames arrive spaced out', async () => {
    simulator.script({ reply: { text: 'abcdef', chunk_size: 2 }, chunkDelayMs: 40 });
    const arrivals: number[] = [];
    for await (const _chunk of await openai.chat.completions.create(streaming))
      arrivals.push(Date.now());
    // role, 3 text pieces, finish: 4 gaps of 40 ms
    expect(arrivals[arrivals.length - 1]! - arrivals[0]!).toBeGreaterThanOrEqual(4 * 40 - 10);
  });

  it('applies a fault to a replayed stream too', async () => {
    simulator.script({
      replay: 'openai/chat-stream-text.sse',
      fault: 'drop-mid-stream',
      afterChunks: 5,
    });
    const { chunks, failure } = await drain(await openai.chat.completions.create(streaming));
    expect(chunks).toHaveLength(5);
    expect(failure).toBeInstanceOf(Error);
  });
});
