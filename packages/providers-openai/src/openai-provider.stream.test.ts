import { LLMError, isAbortedLLMError, type LLMStreamChunk } from '@llm/core';
import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import {
  drain,
  openAIConfig,
  recordingLogger,
  streamedText,
  useSimulator,
} from './__tests__/simulator';
import { OpenAIProvider } from './openai-provider';

const simulator = useSimulator();
const provider = () => new OpenAIProvider(openAIConfig(simulator.current));
const ask = (content: string) => ({
  model: 'gpt-4o',
  messages: [{ role: 'user' as const, content }],
});
const finishOf = (chunks: LLMStreamChunk[]) => chunks.find((chunk) => chunk.type === 'finish');

describe('OpenAIProvider.streamCompletion over HTTP', () => {
  it('streams text deltas and ends with one finish chunk carrying the usage', async () => {
    const { chunks, error } = await drain(
      provider().streamCompletion(ask('Stream this sentence back to me')),
    );
    expect(error).toBeUndefined();
    expect(streamedText(chunks)).toBe('Stream this sentence back to me');
    expect(chunks.at(-1)).toMatchObject({ type: 'finish', finish_reason: 'stop', model: 'gpt-4o' });
    expect(chunks.filter((chunk) => chunk.type === 'finish')).toHaveLength(1);
    const finish = finishOf(chunks);
    expect(finish?.type === 'finish' && finish.usage.estimated).toBeUndefined();
  });

  it('always asks for the usage chunk', async () => {
    await drain(provider().streamCompletion(ask('hi')));
    expect(simulator.current.requests[0]?.body).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it('yields reasoning_content as reasoning-delta chunks before the answer', async () => {
    simulator.current.script({ reply: { text: 'Forty-two.', reasoning: 'Six times seven.' } });
    const { chunks } = await drain(provider().streamCompletion(ask('6*7?')));
    const reasoning = chunks
      .filter((chunk) => chunk.type === 'reasoning-delta')
      .map((chunk) => chunk.delta)
      .join('');
    expect(reasoning).toBe('Six times seven.');
    expect(chunks.findIndex((chunk) => chunk.type === 'reasoning-delta')).toBeLessThan(
      chunks.findIndex((chunk) => chunk.type === 'text-delta'),
    );
    expect(streamedText(chunks)).toBe('Forty-two.');
  });

  it('completes parallel tool calls with interleaved fragments only at the finish, both correct', async () => {
    const weather = { city: 'Oslo', unit: 'celsius', days: [1, 2, 3] };
    const time = { zone: 'Europe/Oslo', format: '24h' };
    simulator.current.script({
      reply: {
        tool_calls: [
          { id: 'call_weather', name: 'weather', arguments: weather },
          { id: 'call_time', name: 'time', arguments: time },
        ],
        interleave_tool_calls: true,
      },
    });
    const { chunks, error } = await drain(
      provider().streamCompletion(ask('Weather and time in Oslo?')),
    );
    expect(error).toBeUndefined();
    const deltas = chunks.filter((chunk) => chunk.type === 'tool-call-delta');
    const deltaIndexes = deltas.map((chunk) => chunk.index);
    expect(deltaIndexes.indexOf(1)).toBeLessThan(deltaIndexes.lastIndexOf(0));
    const calls = chunks.filter((chunk) => chunk.type === 'tool-call');
    expect(calls.map((chunk) => chunk.tool_call)).toEqual([
      {
        id: 'call_weather',
        type: 'function',
        function: { name: 'weather', arguments: JSON.stringify(weather) },
      },
      {
        id: 'call_time',
        type: 'function',
        function: { name: 'time', arguments: JSON.stringify(time) },
      },
    ]);
    const lastDelta = chunks.findLastIndex((chunk) => chunk.type === 'tool-call-delta');
    expect(chunks.findIndex((chunk) => chunk.type === 'tool-call')).toBeGreaterThan(lastDelta);
    expect(finishOf(chunks)).toMatchObject({ finish_reason: 'tool_calls' });
  });

  it('estimates the usage, flagged, when the stream carries none', async () => {
    simulator.current.script({ reply: { text: 'no usage here', usage: null } });
    const { chunks } = await drain(provider().streamCompletion(ask('hi')));
    const finish = finishOf(chunks);
    expect(finish?.type === 'finish' && finish.usage).toMatchObject({ estimated: true });
    expect(finish?.type === 'finish' && finish.usage.prompt_tokens).toBeGreaterThan(0);
  });

  it('ends a stream broken by an error frame with a typed error after the partial text', async () => {
    simulator.current.script({
      reply: { text: 'The first part arrives, then the server fails', chunk_size: 5 },
      fault: 'mid-stream-error',
      afterChunks: 3,
    });
    const { chunks, error } = await drain(provider().streamCompletion(ask('hi')));
    expect(streamedText(chunks).length).toBeGreaterThan(0);
    expect(chunks.some((chunk) => chunk.type === 'finish')).toBe(false);
    expect(LLMError.is(error) && error).toMatchObject({
      type: 'server_error',
      retryable: true,
      providerName: 'openai',
      requestId: expect.any(String),
    });
    expect((error as LLMError).usage).toMatchObject({ estimated: true });
    expect((error as LLMError).usage!.completion_tokens).toBeGreaterThan(0);
  });

  it('ends a stream whose socket drops with a network error after the partial text', async () => {
    simulator.current.script({
      reply: { text: 'Some words before the connection is cut', chunk_size: 5 },
      fault: 'drop-mid-stream',
      afterChunks: 3,
    });
    const { chunks, error } = await drain(provider().streamCompletion(ask('hi')));
    expect(streamedText(chunks).length).toBeGreaterThan(0);
    expect(LLMError.is(error) && error).toMatchObject({
      type: 'network',
      retryable: true,
      requestId: expect.any(String),
    });
    expect((error as LLMError).usage?.estimated).toBe(true);
  });

  it('ends a stream with a malformed frame with a typed error, not a crash, logging through our logger', async () => {
    simulator.current.script({
      reply: { text: 'Some words before the garbage frame', chunk_size: 5 },
      fault: 'malformed-json',
      afterChunks: 2,
    });
    const logger = recordingLogger();
    const { error } = await drain(
      new OpenAIProvider(openAIConfig(simulator.current), { logger }).streamCompletion(ask('hi')),
    );
    expect(LLMError.is(error) && error).toMatchObject({
      type: 'server_error',
      details: { malformed_response: true },
    });
    expect(
      logger.lines.some(
        (line) => line.level === 'warn' && line.message.includes('Could not parse'),
      ),
    ).toBe(true);
  });

  it('closes the HTTP request within 100 ms when the caller breaks out of the loop', async () => {
    simulator.current.script({ reply: { text: 'x'.repeat(400), chunk_size: 4 }, chunkDelayMs: 20 });
    let received = 0;
    let brokeAt = 0;
    for await (const chunk of provider().streamCompletion(ask('hi'))) {
      if (chunk.type === 'text-delta' && ++received === 2) {
        brokeAt = Date.now();
        break;
      }
    }
    const closed = await simulator.current.waitForClientClose(1000);
    expect(closed.closedByClientAt! - brokeAt).toBeLessThan(100);
  });

  it('closes the HTTP request within 100 ms and throws the abort when the signal aborts mid-stream', async () => {
    simulator.current.script({ reply: { text: 'y'.repeat(400), chunk_size: 4 }, chunkDelayMs: 20 });
    const controller = new AbortController();
    const chunks: LLMStreamChunk[] = [];
    let abortedAt = 0;
    const error = await (async () => {
      for await (const chunk of provider().streamCompletion(ask('hi'), {
        signal: controller.signal,
      })) {
        chunks.push(chunk);
        if (chunks.length === 2) {
          abortedAt = Date.now();
          controller.abort();
        }
      }
    })().catch((caught: unknown) => caught);
    expect(isAbortedLLMError(error)).toBe(true);
    expect((error as LLMError).usage?.estimated).toBe(true);
    const closed = await simulator.current.waitForClientClose(1000);
    expect(closed.closedByClientAt! - abortedAt).toBeLessThan(100);
  });

  it('throws the abort when the signal aborts before the headers arrive', async () => {
    simulator.current.script({ fault: 'hang' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const { error } = await drain(
      provider().streamCompletion(ask('hi'), { signal: controller.signal }),
    );
    expect(isAbortedLLMError(error)).toBe(true);
  });
  it('leaves no listener on the caller signal once the stream is over, so a later abort reaches nothing', async () => {
    const controller = new AbortController();
    const { chunks, error } = await drain(
      provider().streamCompletion(ask('Stream this back'), { signal: controller.signal }),
    );
    expect(error).toBeUndefined();
    expect(streamedText(chunks)).toBe('Stream this back');
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    controller.abort();
    expect(simulator.current.requests).toHaveLength(1);
  });

  it('hands a signal that ends with the stream (signalEndsWithCall) to the SDK as it is, and still aborts mid-stream on it', async () => {
    const owned = new AbortController();
    const { chunks, error } = await drain(
      provider().streamCompletion(ask('owned'), { signal: owned.signal, signalEndsWithCall: true }),
    );
    expect(error).toBeUndefined();
    expect(streamedText(chunks)).toBe('owned');
    // The SDK's own listener, on the signal itself: no relay of the provider's stood between them.
    expect(getEventListeners(owned.signal, 'abort')).toHaveLength(1);

    simulator.current.script({ reply: { text: 'z'.repeat(400), chunk_size: 4 }, chunkDelayMs: 20 });
    const pending = new AbortController();
    const seen: LLMStreamChunk[] = [];
    const aborted = await (async () => {
      for await (const chunk of provider().streamCompletion(ask('hi'), {
        signal: pending.signal,
        signalEndsWithCall: true,
      })) {
        seen.push(chunk);
        if (seen.length === 2) pending.abort();
      }
    })().catch((caught: unknown) => caught);
    expect(isAbortedLLMError(aborted)).toBe(true);
    expect(seen).toHaveLength(2);
  });

  it('sends nothing and throws the abort for a signal aborted before the call', async () => {
    const controller = new AbortController();
    controller.abort();
    const { chunks, error } = await drain(
      provider().streamCompletion(ask('hi'), { signal: controller.signal }),
    );
    expect(chunks).toEqual([]);
    expect(isAbortedLLMError(error)).toBe(true);
    expect(simulator.current.requests).toHaveLength(0);
  });
});
