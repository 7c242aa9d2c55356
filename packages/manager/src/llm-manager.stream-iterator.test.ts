import { afterEach, describe, expect, it } from 'vitest';
import type { LLMStreamChunk } from '@llm/core';
import {
  startManagerFixture,
  type ManagerFixture,
  ledgerRecords,
} from './__tests__/manager-fixture';

let fixture: ManagerFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

const hello = {
  model: 'gpt-4o-mini',
  messages: [{ role: 'user' as const, content: 'hello there' }],
};
const records = () => ledgerRecords(fixture!.manager);

/** The iterator protocol of `streamCompletion`, as the async generator it replaced kept it. */
describe('a manager stream as an iterator', () => {
  it('sends nothing and records nothing when returned before its first next()', async () => {
    fixture = await startManagerFixture();
    const stream = fixture.manager.streamCompletion(hello)[Symbol.asyncIterator]();
    await expect(stream.return!()).resolves.toEqual({ done: true, value: undefined });
    await expect(stream.next()).resolves.toEqual({ done: true, value: undefined });
    expect(fixture.simulator.requests).toHaveLength(0);
    expect(await records()).toEqual([]);
  });

  it('answers next() calls made at once in order, then ends after the finish', async () => {
    fixture = await startManagerFixture();
    fixture.simulator.script({ reply: { text: 'one two three', chunk_size: 4 } });
    const stream = fixture.manager.streamCompletion(hello)[Symbol.asyncIterator]();
    const results = await Promise.all(Array.from({ length: 12 }, () => stream.next()));
    const chunks = results.filter((result) => !result.done).map((result) => result.value);
    expect(chunks.at(-1)).toMatchObject({ type: 'finish', metadata: { attempt_count: 1 } });
    expect(results.slice(chunks.length).every((result) => result.done)).toBe(true);
    const text = chunks.map((chunk) => (chunk.type === 'text-delta' ? chunk.delta : '')).join('');
    expect(text).toBe('one two three');
    expect(await records()).toEqual([expect.objectContaining({ success: true, stream: true })]);
  });

  it('a consumer that stops right after the finish only releases the request: one success record', async () => {
    fixture = await startManagerFixture();
    fixture.simulator.script({ reply: { text: 'streamed answer' } });
    const seen: LLMStreamChunk['type'][] = [];
    for await (const chunk of fixture.manager.streamCompletion(hello)) {
      seen.push(chunk.type);
      if (chunk.type === 'finish') break;
    }
    expect(seen.at(-1)).toBe('finish');
    expect(await records()).toEqual([expect.objectContaining({ success: true, stream: true })]);
  });

  it('a caller that aborts its signal once the finish arrived still gets the answer: the stream ends, one success record', async () => {
    fixture = await startManagerFixture();
    fixture.simulator.script({ reply: { text: 'streamed answer' } });
    const caller = new AbortController();
    const streamed = fixture.manager.streamCompletion(hello, { signal: caller.signal });
    const stream = streamed[Symbol.asyncIterator]();
    let result = await stream.next();
    while (!result.done && result.value.type !== 'finish') result = await stream.next();
    expect(result.value).toMatchObject({ type: 'finish', finish_reason: 'stop' });
    // The provider request is over: the abort reaches no attempt of the call.
    caller.abort();
    await expect(stream.next()).resolves.toEqual({ done: true, value: undefined });
    expect(await records()).toEqual([expect.objectContaining({ success: true, stream: true })]);
  });

  it('throw() ends the stream as return() does, recorded aborted, then rejects with its value', async () => {
    fixture = await startManagerFixture();
    fixture.simulator.script({ reply: { text: 'x'.repeat(400), chunk_size: 4 }, chunkDelayMs: 5 });
    const stream = fixture.manager.streamCompletion(hello)[Symbol.asyncIterator]();
    let first = await stream.next();
    while (!first.done && first.value.type !== 'text-delta') first = await stream.next();
    const reason = new TypeError('the consumer failed');
    await expect(stream.throw!(reason)).rejects.toBe(reason);
    await expect(stream.next()).resolves.toEqual({ done: true, value: undefined });
    await fixture.simulator.waitForClientClose(2000);
    expect(await records()).toEqual([
      expect.objectContaining({ success: false, error_type: 'aborted', estimated: true }),
    ]);
  });

  it('a return() made while a next() is in flight waits for it, then records the stop once', async () => {
    fixture = await startManagerFixture();
    fixture.simulator.script({ reply: { text: 'x'.repeat(400), chunk_size: 4 }, chunkDelayMs: 5 });
    const stream = fixture.manager.streamCompletion(hello)[Symbol.asyncIterator]();
    const pending = stream.next();
    const stopped = stream.return!();
    expect((await pending).done).toBe(false);
    await expect(stopped).resolves.toEqual({ done: true, value: undefined });
    await fixture.simulator.waitForClientClose(2000);
    expect(await records()).toEqual([
      expect.objectContaining({ success: false, error_type: 'aborted' }),
    ]);
  });

  it('ends with the typed error of a request that is invalid, recorded once', async () => {
    fixture = await startManagerFixture();
    const stream = fixture.manager.streamCompletion({ ...hello, messages: [] });
    const failure = await (async () => {
      for await (const chunk of stream) void chunk;
    })().catch((error: unknown) => error);
    expect(failure).toMatchObject({ type: 'invalid_request' });
    expect(fixture.simulator.requests).toHaveLength(0);
  });
});
