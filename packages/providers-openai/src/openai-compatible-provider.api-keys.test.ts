import { describe, expect, it } from 'vitest';
import { drain } from '@llm/testing';
import { AzureOpenAIProvider } from './azure/azure-openai-provider';
import { secretsOfProvider } from '@llm/core';
import { OpenAIProvider } from './openai-provider';
import { azureConfig, openAIConfig, TEST_API_KEY, useSimulator } from './__tests__/simulator';

const SECOND_KEY = 'sk-test-second-key-of-the-pool-0002';
const simulator = useSimulator();
const messages = [{ role: 'user' as const, content: 'hi' }];

describe('a key per attempt (CallOptions.apiKey)', () => {
  it('sends each call with the key it is given, and its own key without one', async () => {
    const provider = new OpenAIProvider(
      openAIConfig(simulator.current, { api_keys: [TEST_API_KEY, SECOND_KEY] }),
    );
    await provider.chatCompletion({ model: 'gpt-4o', messages }, { apiKey: SECOND_KEY });
    await provider.chatCompletion({ model: 'gpt-4o', messages });
    await drain(provider.streamCompletion({ model: 'gpt-4o', messages }, { apiKey: SECOND_KEY }));
    await provider.embed(
      { model: 'text-embedding-3-small', input: ['hello'] },
      { apiKey: SECOND_KEY },
    );
    expect(simulator.current.requests.map((request) => request.headers['authorization'])).toEqual([
      `Bearer ${SECOND_KEY}`,
      `Bearer ${TEST_API_KEY}`,
      `Bearer ${SECOND_KEY}`,
      `Bearer ${SECOND_KEY}`,
    ]);
  });

  it('sends an Azure call with the attempt’s key in its api-key header', async () => {
    const provider = new AzureOpenAIProvider(azureConfig(simulator.current));
    await provider.chatCompletion({ model: 'gpt-4o', messages }, { apiKey: SECOND_KEY });
    expect(simulator.current.requests[0]?.headers['api-key']).toBe(SECOND_KEY);
  });

  it('keeps every key of api_keys out of error messages', async () => {
    const provider = new OpenAIProvider(
      openAIConfig(simulator.current, { api_keys: [TEST_API_KEY, SECOND_KEY] }),
    );
    expect(secretsOfProvider(provider.config)).toContain(SECOND_KEY);
    simulator.current.script({ error: { status: 400, message: `bad key ${SECOND_KEY}` } });
    const failure: unknown = await provider
      .chatCompletion({ model: 'gpt-4o', messages }, { apiKey: SECOND_KEY })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).not.toContain(SECOND_KEY);
  });

  it('forgets its per-key clients when disposed', async () => {
    const provider = new OpenAIProvider(openAIConfig(simulator.current));
    await provider.chatCompletion({ model: 'gpt-4o', messages }, { apiKey: SECOND_KEY });
    provider.dispose();
    await expect(
      provider.chatCompletion({ model: 'gpt-4o', messages }, { apiKey: SECOND_KEY }),
    ).rejects.toMatchObject({ type: 'invalid_request' });
  });
});
