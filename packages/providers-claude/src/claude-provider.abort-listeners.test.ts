import { getEventListeners } from 'node:events';
import { isAbortedLLMError } from '@llm/core';
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
});
