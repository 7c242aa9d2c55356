import { LLMError } from '@llm/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AzureOpenAIProvider } from './azure/azure-openai-provider';
import { createOpenAIClient, OpenAIProvider } from './openai-provider';
import { loadedOpenAISdk } from './openai-sdk';
import { azureConfig, openAIConfig, useSimulator } from './__tests__/simulator';

// The tests run in order: the first ones assert the SDK is still not loaded in this file's module
// graph, the later ones load it.
const simulator = useSimulator();
const ask = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'hi' }] };
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

async function rejection(promise: Promise<unknown>): Promise<LLMError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(LLMError.is(error)).toBe(true);
  return error as LLMError;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('initialize({ lazy: true })', () => {
  it('never loads the SDK of a provider disposed before any call', async () => {
    const provider = new OpenAIProvider(openAIConfig(simulator.current));
    await provider.initialize({ lazy: true });
    provider.dispose();
    await nextTurn();
    await nextTurn();
    expect(loadedOpenAISdk()).toBeUndefined();
  });

  it('refuses a base URL without a scheme before loading the SDK', async () => {
    const provider = new OpenAIProvider(
      openAIConfig(simulator.current, { base_url: 'localhost:8080/v1' }),
    );
    const error = await rejection(provider.initialize({ lazy: true }));
    expect(error).toMatchObject({
      type: 'invalid_request',
      retryable: false,
      providerName: 'openai',
    });
    expect(error.message).toContain(
      'base_url "localhost:8080/v1" is not an http:// or https:// URL',
    );
    expect(loadedOpenAISdk()).toBeUndefined();
  });

  it('refuses an openai provider with no key anywhere before loading the SDK', async () => {
    vi.stubEnv('OPENAI_API_KEY', '');
    vi.stubEnv('OPENAI_ADMIN_KEY', '');
    const provider = new OpenAIProvider(openAIConfig(simulator.current, { api_key: undefined }));
    const error = await rejection(provider.initialize({ lazy: true }));
    expect(error).toMatchObject({ type: 'auth', retryable: false, providerName: 'openai' });
    expect(error.message).toContain('has no API key');
    expect(loadedOpenAISdk()).toBeUndefined();
  });

  it('refuses an azure provider with no key and no token provider before loading the SDK', async () => {
    vi.stubEnv('AZURE_OPENAI_API_KEY', '');
    const provider = new AzureOpenAIProvider(
      azureConfig(simulator.current, { api_key: undefined }),
    );
    const error = await rejection(provider.initialize({ lazy: true }));
    expect(error).toMatchObject({ type: 'auth', retryable: false, providerName: 'azure' });
    expect(loadedOpenAISdk()).toBeUndefined();
  });

  it('resolves before the SDK is loaded; the first calls load it once and are answered', async () => {
    const provider = new OpenAIProvider(openAIConfig(simulator.current));
    await provider.initialize({ lazy: true });
    expect(loadedOpenAISdk()).toBeUndefined();
    const [first, second] = await Promise.all([
      provider.chatCompletion(ask),
      provider.chatCompletion(ask),
    ]);
    expect(first.content).toEqual(expect.any(String));
    expect(second.content).toBe(first.content);
    expect(loadedOpenAISdk()).toBeDefined();
    provider.dispose();
  });

  it('answers a health check of a provider that never made a call', async () => {
    const provider = new AzureOpenAIProvider(azureConfig(simulator.current));
    await provider.initialize({ lazy: true });
    expect(await provider.isHealthy()).toBe(true);
    provider.dispose();
  });

  it('refuses the calls of a provider disposed while its first call loaded the SDK', async () => {
    const provider = new OpenAIProvider(openAIConfig(simulator.current));
    await provider.initialize({ lazy: true });
    const call = provider.chatCompletion(ask);
    provider.dispose();
    const error = await rejection(call);
    expect(error).toMatchObject({ type: 'invalid_request', retryable: false });
    expect(error.message).toBe('Provider "openai" was disposed');
  });

  it('waits for the client when the client factory is one of its own', async () => {
    let built = 0;
    const provider = new OpenAIProvider(openAIConfig(simulator.current), {
      createClient: (config, context) => {
        built += 1;
        return createOpenAIClient(config, context);
      },
    });
    await provider.initialize({ lazy: true });
    expect(built).toBe(1);
    provider.dispose();
  });
});
