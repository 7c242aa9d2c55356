import { LLMErrorType, estimateUsage, isAbortedLLMError } from '@llm/core';
import { startSimulator } from '@llm/testing';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useSimulator } from './__tests__/use-simulator';
import { claudeTestProvider, collectStream, userRequest } from './__tests__/claude-test-provider';
import { expectedFromStream, expectedUsage, readWireEvents } from './__tests__/wire-fixtures';

const simulator = useSimulator();

const request = userRequest('Tell me a story');
const fixture = 'anthropic/anthropic-text.sse';
// What the first `count` recorded frames of the fixture carry (the frames the simulator sends before failing).
const partOfFixture = (count: number) =>
  expectedFromStream(readWireEvents(fixture).slice(0, count));
// Tokens of the output that arrived, by core's one estimator with Claude's approximation.
const estimatedCompletion = (text: string) =>
  estimateUsage(request, { text }, 'claude').completion_tokens;
/** The usage of a stream broken before message_delta: the prompt as reported, the output estimated. */
function brokenStreamUsage(reported: Record<string, number>, text: string) {
  const completion = estimatedCompletion(text);
  return {
    ...reported,
    completion_tokens: completion,
    total_tokens: reported['prompt_tokens']! + completion,
    estimated: true,
  };
}

describe('a stream that fails midway', () => {
  it('ends with a retryable server_error after the text that arrived when the server sends event: error (overloaded)', async () => {
    simulator.current.script({
      replay: fixture,
      fault: 'mid-stream-error',
      afterChunks: 5,
      error: { status: 529, type: 'overloaded_error', message: 'Overloaded' },
      headers: { 'request-id': 'req_mid_stream' },
    });
    const collected = await collectStream(
      claudeTestProvider(simulator.current).streamCompletion(request),
    );
    const expected = partOfFixture(5);
    expect(collected.text).toBe(expected.text);
    expect(collected.text.length).toBeGreaterThan(0);
    expect(collected.chunks.some((chunk) => chunk.type === 'finish')).toBe(false);
    expect(collected.error).toMatchObject({
      type: LLMErrorType.SERVER_ERROR,
      retryable: true,
      requestId: 'req_mid_stream',
    });
    expect(collected.error?.message).toContain('Overloaded');
    expect(collected.error?.usage).toEqual(
      brokenStreamUsage(expectedUsage(expected.rawUsage), collected.text),
    );
  });

  it('ends with a network error after the text that arrived when the socket drops', async () => {
    simulator.current.script({ replay: fixture, fault: 'drop-mid-stream', afterChunks: 6 });
    const collected = await collectStream(
      claudeTestProvider(simulator.current).streamCompletion(request),
    );
    const expected = partOfFixture(6);
    expect(collected.text).toBe(expected.text);
    expect(collected.text.length).toBeGreaterThan(0);
    expect(collected.error?.type).toBe(LLMErrorType.NETWORK_ERROR);
    expect(collected.error?.usage).toEqual(
      brokenStreamUsage(expectedUsage(expected.rawUsage), collected.text),
    );
  });

  it('ends with a typed error, not a crash, when a frame is not valid JSON', async () => {
    simulator.current.script({ replay: fixture, fault: 'malformed-json', afterChunks: 4 });
    const collected = await collectStream(
      claudeTestProvider(simulator.current).streamCompletion(request),
    );
    expect(collected.text).toBe(partOfFixture(4).text);
    expect(collected.error?.type).toBe(LLMErrorType.SERVER_ERROR);
    expect(collected.error?.details?.['malformed_response']).toBe(true);
  });

  it('fails a scripted reply stream midway with the usage of message_start', async () => {
    simulator.current.script({
      reply: {
        text: 'A long story about a lighthouse keeper.',
        chunk_size: 4,
        usage: { prompt_tokens: 20, completion_tokens: 9 },
      },
      fault: 'mid-stream-error',
      afterChunks: 4,
    });
    const collected = await collectStream(
      claudeTestProvider(simulator.current).streamCompletion(request),
    );
    expect(collected.text.length).toBeGreaterThan(0);
    expect(collected.error?.type).toBe(LLMErrorType.SERVER_ERROR);
    expect(collected.error?.usage?.prompt_tokens).toBe(20);
  });

  it('estimates the partial output of a stream broken after some text and flags the usage estimated', async () => {
    simulator.current.script({
      reply: {
        text: 'The keeper climbed the stairs of the old lighthouse every night at nine.',
        chunk_size: 6,
        usage: { prompt_tokens: 20, completion_tokens: 40 },
      },
      fault: 'mid-stream-error',
      afterChunks: 6,
    });
    const collected = await collectStream(
      claudeTestProvider(simulator.current).streamCompletion(request),
    );
    expect(collected.error?.type).toBe(LLMErrorType.SERVER_ERROR);
    expect(estimatedCompletion(collected.text)).toBeGreaterThan(1);
    expect(collected.error?.usage).toMatchObject({
      prompt_tokens: 20,
      completion_tokens: estimatedCompletion(collected.text),
      total_tokens: 20 + estimatedCompletion(collected.text),
      estimated: true,
    });
  });
});

describe('a stream the server ends quietly before message_stop', () => {
  it('ends with a network error after the text that arrived, with the prompt of message_start and the output estimated', async () => {
    const local = await startSimulator({
      wireDir: fileURLToPath(new URL('./__fixtures__', import.meta.url)),
    });
    try {
      const fixtureName = 'anthropic/ended-without-message-stop.sse';
      local.script({ replay: fixtureName });
      const collected = await collectStream(claudeTestProvider(local).streamCompletion(request));
      expect(collected.text).toBe('The server stops here');
      expect(collected.error?.type).toBe(LLMErrorType.NETWORK_ERROR);
      expect(collected.error?.message).toContain('message_stop');
      expect(collected.error?.usage).toEqual(
        brokenStreamUsage({ prompt_tokens: 9 }, 'The server stops here'),
      );
    } finally {
      await local.close();
    }
  });
});

describe('stopping a stream early', () => {
  const slowStep = { reply: { text: 'word '.repeat(200), chunk_size: 5 }, chunkDelayMs: 20 };

  it('closes the HTTP request within 100 ms when the consumer breaks out', async () => {
    simulator.current.script(slowStep);
    let brokeAt = 0;
    for await (const chunk of claudeTestProvider(simulator.current).streamCompletion(request)) {
      if (chunk.type === 'text-delta') {
        brokeAt = Date.now();
        break;
      }
    }
    const closed = await simulator.current.waitForClientClose(1000);
    expect(closed.closedByClientAt! - brokeAt).toBeLessThan(100);
  });

  it('closes the HTTP request within 100 ms and throws the aborted error when the signal aborts', async () => {
    simulator.current.script(slowStep);
    const controller = new AbortController();
    let abortedAt = 0;
    let text = '';
    const consume = collectStream(
      (async function* () {
        for await (const chunk of claudeTestProvider(simulator.current).streamCompletion(request, {
          signal: controller.signal,
        })) {
          if (chunk.type === 'text-delta' && text === '') {
            abortedAt = Date.now();
            controller.abort();
          }
          if (chunk.type === 'text-delta') text += chunk.delta;
          yield chunk;
        }
      })(),
    );
    const closed = await simulator.current.waitForClientClose(1000);
    expect(closed.closedByClientAt! - abortedAt).toBeLessThan(100);
    const collected = await consume;
    expect(isAbortedLLMError(collected.error)).toBe(true);
    expect(collected.error?.usage).toBeDefined();
  });
});
