import { LLMErrorType, type LLMStreamChunk, type StreamEventSkippedInfo } from '@llm/core';
import { startSimulator, type Simulator } from '@llm/testing';
import { getEventListeners } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claudeTestProvider, collectStream, userRequest } from './__tests__/claude-test-provider';
import { useSimulator } from './__tests__/use-simulator';
import {
  anthropicFixtures,
  expectedFromStream,
  expectedUsage,
  readWireEvents,
} from './__tests__/wire-fixtures';

const simulator = useSimulator();
const request = userRequest('Tell me a story');

function recording() {
  const skipped: StreamEventSkippedInfo[] = [];
  return {
    skipped,
    options: { onStreamEventSkipped: (info: StreamEventSkippedInfo) => skipped.push(info) },
  };
}

const finishOf = (chunks: readonly LLMStreamChunk[]) => {
  const finish = chunks.at(-1);
  return finish?.type === 'finish' ? finish : undefined;
};

describe.each(anthropicFixtures('.sse'))('the recording %s with one garbled event', (fixture) => {
  it('still yields exactly the recorded text, tool calls and usage, and reports the event once', async () => {
    const expected = expectedFromStream(readWireEvents(fixture));
    simulator.current.script({ replay: fixture, fault: 'garbled-event', afterChunks: 3 });
    const { skipped, options } = recording();
    const collected = await collectStream(
      claudeTestProvider(simulator.current).streamCompletion(request, options),
    );
    expect(collected.error).toBeUndefined();
    expect(collected.text).toBe(expected.text);
    expect(
      collected.chunks.flatMap((chunk) => (chunk.type === 'tool-call' ? [chunk.tool_call] : [])),
    ).toEqual(
      expected.toolCalls.map((call) => ({
        id: call.id,
        type: 'function',
        function: { name: call.name, arguments: call.arguments },
      })),
    );
    expect(finishOf(collected.chunks)?.usage).toEqual(expectedUsage(expected.rawUsage));
    expect(skipped).toEqual([
      {
        provider: 'claude-test',
        model: 'claude-sonnet-5-5',
        index: 3,
        reason: 'invalid_json',
        excerpt: expect.stringContaining('garbled') as unknown as string,
      },
    ]);
  });
});

describe('events that cannot be parsed', () => {
  it('skip one garbled event in a scripted reply: the full text and usage', async () => {
    const text = 'A long story about a lighthouse keeper.';
    simulator.current.script({
      reply: { text, chunk_size: 4, usage: { prompt_tokens: 20, completion_tokens: 9 } },
      fault: 'garbled-event',
      afterChunks: 5,
    });
    const { skipped, options } = recording();
    const collected = await collectStream(
      claudeTestProvider(simulator.current).streamCompletion(request, options),
    );
    expect(collected.error).toBeUndefined();
    expect(collected.text).toBe(text);
    expect(finishOf(collected.chunks)?.usage).toMatchObject({
      prompt_tokens: 20,
      completion_tokens: 9,
      total_tokens: 29,
    });
    expect(skipped.map((info) => info.index)).toEqual([5]);
  });

  it('fail with a typed error, and no finish, when the stream then ends before the model stopped', async () => {
    simulator.current.script({
      replay: 'anthropic/anthropic-text.sse',
      fault: 'malformed-json',
      afterChunks: 4,
    });
    const { skipped, options } = recording();
    const collected = await collectStream(
      claudeTestProvider(simulator.current).streamCompletion(request, options),
    );
    expect(collected.error).toMatchObject({
      type: LLMErrorType.SERVER_ERROR,
      retryable: true,
      details: { incomplete_stream: true, malformed_response: true, skipped_events: 1 },
    });
    expect(collected.chunks.some((chunk) => chunk.type === 'finish')).toBe(false);
    expect(skipped).toHaveLength(1);
  });
});

describe('hand-written streams', () => {
  let local: Simulator;
  beforeAll(async () => {
    local = await startSimulator({
      wireDir: fileURLToPath(new URL('./__fixtures__', import.meta.url)),
    });
  });
  afterAll(() => local.close());

  it('skips events that are JSON without a type, ignores unnamed and empty ones', async () => {
    local.script({ replay: 'anthropic/stream-unexpected-shapes.sse' });
    const { skipped, options } = recording();
    const collected = await collectStream(
      claudeTestProvider(local).streamCompletion(request, options),
    );
    expect(collected.error).toBeUndefined();
    expect(collected.text).toBe('Hello, world');
    expect(finishOf(collected.chunks)?.usage).toMatchObject({
      prompt_tokens: 12,
      completion_tokens: 4,
    });
    expect(skipped.map(({ index, reason }) => ({ index, reason }))).toEqual([
      { index: 3, reason: 'unexpected_shape' },
    ]);
  });

  it('completes with its usage a stream that stopped but ended without message_stop', async () => {
    local.script({ replay: 'anthropic/finished-without-message-stop.sse' });
    const collected = await collectStream(claudeTestProvider(local).streamCompletion(request));
    expect(collected.error).toBeUndefined();
    expect(collected.text).toBe('Complete, but no end marker');
    expect(finishOf(collected.chunks)).toMatchObject({
      finish_reason: 'stop',
      usage: { prompt_tokens: 9, completion_tokens: 6, total_tokens: 15 },
    });
  });

  it('completes at once when the server stopped the model but holds the connection open', async () => {
    local.script({
      replay: 'anthropic/finished-without-message-stop.sse',
      fault: 'hang',
      afterChunks: 5,
    });
    const startedAt = Date.now();
    const collected = await collectStream(claudeTestProvider(local).streamCompletion(request));
    expect(collected.error).toBeUndefined();
    expect(Date.now() - startedAt).toBeLessThan(2000);
    expect(finishOf(collected.chunks)?.usage).toMatchObject({ completion_tokens: 6 });
  });
});

describe('a long-lived abort signal', () => {
  it('keeps no abort listener once each of many streams has ended', async () => {
    const session = new AbortController();
    const provider = claudeTestProvider(simulator.current);
    for (let round = 0; round < 12; round += 1) {
      const collected = await collectStream(
        provider.streamCompletion(request, { signal: session.signal }),
      );
      expect(collected.error).toBeUndefined();
    }
    expect(getEventListeners(session.signal, 'abort')).toHaveLength(0);
  });
});
