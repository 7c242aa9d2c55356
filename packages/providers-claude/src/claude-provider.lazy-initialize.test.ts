import { LLMError } from '@llm/core';
import { describe, expect, it } from 'vitest';
import { loadedAnthropicSdk } from './anthropic-sdk';
import { claudeTestProvider, userRequest } from './__tests__/claude-test-provider';
import { useSimulator } from './__tests__/use-simulator';

// The tests run in order: the first one asserts the SDK is still not loaded in this file's module
// graph, the later ones load it.
const simulator = useSimulator();
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('initialize({ lazy: true })', () => {
  it('never loads the SDK of a provider disposed before any call', async () => {
    const provider = claudeTestProvider(simulator.current);
    await provider.initialize({ lazy: true });
    provider.dispose();
    await nextTurn();
    await nextTurn();
    expect(loadedAnthropicSdk()).toBeUndefined();
  });

  it('resolves before the SDK is loaded; the first calls load it once and are answered', async () => {
    const provider = claudeTestProvider(simulator.current);
    await provider.initialize({ lazy: true });
    expect(loadedAnthropicSdk()).toBeUndefined();
    const [first, second] = await Promise.all([
      provider.chatCompletion(userRequest('hi')),
      provider.chatCompletion(userRequest('hi')),
    ]);
    expect(first.content).toEqual(expect.any(String));
    expect(second.content).toBe(first.content);
    expect(loadedAnthropicSdk()).toBeDefined();
    provider.dispose();
  });

  it('answers a health check of a provider that never made a call', async () => {
    const provider = claudeTestProvider(simulator.current);
    await provider.initialize({ lazy: true });
    await nextTurn();
    expect(await provider.isHealthy()).toBe(true);
    provider.dispose();
  });

  it('refuses the calls of a provider disposed while its first call loaded the SDK', async () => {
    const provider = claudeTestProvider(simulator.current);
    await provider.initialize({ lazy: true });
    const call = provider.chatCompletion(userRequest('hi'));
    provider.dispose();
    const error = await call.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(LLMError.is(error)).toBe(true);
    expect(error).toMatchObject({ type: 'invalid_request', retryable: false });
    expect((error as LLMError).message).toBe('Provider "claude-test" was disposed');
  });

  it('builds the client at once without the lazy option', async () => {
    const provider = claudeTestProvider(simulator.current);
    await provider.initialize();
    await provider.initialize({ lazy: true });
    expect(await provider.isHealthy()).toBe(true);
    provider.dispose();
  });
});
