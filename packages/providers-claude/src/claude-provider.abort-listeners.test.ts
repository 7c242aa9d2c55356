import { getEventListeners } from 'node:events';
import { isAbortedLLMError, type LLMStreamChunk } from '@llm/core';
import { describe, expect, it } from 'vitest';
import { claudeTestProvider, userRequest } from './__tests__/claude-test-provider';
import { useSimulator } from './__tests__/use-simulator';

const simulator = useSimulator();

describe('the caller signal of a non-streaming Claude call', () => {
  it('keeps no listener after its calls, so a long-lived signal aborted later reaches nothing', async () => {
    const session = new AbortController();
    const provider = claudeTestProvider(simulator.current);
    for (let index = 0; index < 5; index++) {
      simulator.current.script({ reply: { text: `answer ${index}` } });
      const response = await provider.chatCompletion(userRequest(`call ${index}`), {
        signal: session.signal,
      });
      expect(response.content).toBe(`answer ${index}`);
    }
    expect(getEventListeners(session.signal, 'abort')).toHaveLength(0);
    session.abort();
    expect(simulator.current.requests).toHaveLength(5);
  });

  it('still aborts a pending call when the caller aborts', async () => {
    simulator.current.script({ fault: 'hang' });
    const session = new AbortController();
    setTimeout(() => session.abort(), 50);
    const error = await claudeTestProvider(simulator.current)
      .chatCompletion(userRequest('hang'), { signal: session.signal })
      .catch((caught: unknown) => caught);
    expect(isAbortedLLMError(error)).toBe(true);
    expect(getEventListeners(session.signal, 'abort')).toHaveLength(0);
  });

  it('answers and aborts on a signal that ends with the call (signalEndsWithCall), handed to the SDK as it is', async () => {
    const provider = claudeTestProvider(simulator.current);
    simulator.current.script({ reply: { text: 'owned' } });
    const owned = new AbortController();
    const response = await provider.chatCompletion(userRequest('owned'), {
      signal: owned.signal,
      signalEndsWithCall: true,
    });
    expect(response.content).toBe('owned');
    // The Anthropic SDK takes its listener off the signal once the call is answered.
    expect(getEventListeners(owned.signal, 'abort')).toHaveLength(0);

    simulator.current.script({ fault: 'hang' });
    const pending = new AbortController();
    setTimeout(() => pending.abort(), 50);
    const error = await provider
      .chatCompletion(userRequest('hang'), { signal: pending.signal, signalEndsWithCall: true })
      .catch((caught: unknown) => caught);
    expect(isAbortedLLMError(error)).toBe(true);
  });
});

describe('the caller signal of a streaming Claude call', () => {
  it('keeps no listener once the stream is over, so a long-lived signal aborted later reaches nothing', async () => {
    const session = new AbortController();
    simulator.current.script({ reply: { text: 'streamed' } });
    const chunks: LLMStreamChunk[] = [];
    for await (const chunk of claudeTestProvider(simulator.current).streamCompletion(
      userRequest('stream'),
      { signal: session.signal },
    ))
      chunks.push(chunk);
    expect(chunks.at(-1)).toMatchObject({ type: 'finish' });
    expect(getEventListeners(session.signal, 'abort')).toHaveLength(0);
    session.abort();
    expect(simulator.current.requests).toHaveLength(1);
  });

  it('hands a signal that ends with the stream (signalEndsWithCall) to the SDK as it is, and still aborts on it', async () => {
    const provider = claudeTestProvider(simulator.current);
    simulator.current.script({ reply: { text: 'owned' } });
    const owned = new AbortController();
    const chunks: LLMStreamChunk[] = [];
    for await (const chunk of provider.streamCompletion(userRequest('owned'), {
      signal: owned.signal,
      signalEndsWithCall: true,
    }))
      chunks.push(chunk);
    expect(chunks.at(-1)).toMatchObject({ type: 'finish' });
    // The SDK's own listener, on the signal itself: no relay of the provider's stood between them.
    expect(getEventListeners(owned.signal, 'abort')).toHaveLength(1);

    simulator.current.script({ reply: { text: 'w'.repeat(400), chunk_size: 4 }, chunkDelayMs: 20 });
    const pending = new AbortController();
    let seen = 0;
    const error = await (async () => {
      for await (const _chunk of provider.streamCompletion(userRequest('long'), {
        signal: pending.signal,
        signalEndsWithCall: true,
      }))
        if (++seen === 2) pending.abort();
    })().catch((caught: unknown) => caught);
    expect(isAbortedLLMError(error)).toBe(true);
    expect(seen).toBe(2);
  });
});
