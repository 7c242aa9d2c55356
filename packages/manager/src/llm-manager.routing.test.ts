import { afterEach, describe, expect, it } from 'vitest';
import '@llm/providers-openai';
import { startSimulator, type Simulator } from '@llm/testing';
import { LLMError } from '@llm/core';
import { capturedPino } from './__tests__/captured-log-lines';
import { startManagerFixture, TEST_ENV, ledgerRecords } from './__tests__/manager-fixture';
import { createLLMManager } from './create-llm-manager';
import type { LLMManager } from './llm-manager';

let simulator: Simulator | undefined;
let manager: LLMManager | undefined;
afterEach(async () => {
  await manager?.close();
  await simulator?.close();
  manager = undefined;
  simulator = undefined;
});

const ask = (model: string, provider?: string) => ({
  model,
  provider,
  messages: [{ role: 'user' as const, content: 'hi' }],
});

async function startAzureManager(): Promise<{ manager: LLMManager; simulator: Simulator }> {
  simulator = await startSimulator();
  manager = await createLLMManager({
    config: {
      default_provider: 'azure',
      enable_usage_tracking: false,
      providers: {
        azure: {
          type: 'azure',
          api_key: 'azure-test-key-123456',
          endpoint: simulator.azureEndpoint,
          api_version: '2024-10-21',
          models: {
            'gpt-4o-az': { deployment: 'prod-gpt4o', model_id: 'gpt-4o' },
            'gpt-4o': { deployment: 'prod-4o' },
          },
        },
      },
    },
  });
  return { manager, simulator };
}

describe('manager routing', () => {
  it('sends a request for gpt-4o to the deployment of the model named gpt-4o, not to an earlier alias whose model_id is gpt-4o', async () => {
    const { manager, simulator } = await startAzureManager();
    await manager.chatCompletion(ask('gpt-4o'));
    await manager.chatCompletion(ask('gpt-4o-az'));
    expect(simulator.requests.map((request) => request.deployment)).toEqual([
      'prod-4o',
      'prod-gpt4o',
    ]);
  });

  it('refuses a provider that is not configured, naming the ones that are', async () => {
    const { manager, simulator } = await startAzureManager();
    await expect(manager.chatCompletion(ask('gpt-4o', 'nope'))).rejects.toMatchObject({
      type: 'invalid_request',
      message: expect.stringContaining('(available: azure)'),
    });
    expect(simulator.requests).toHaveLength(0);
  });

  it('disables only the provider whose secret variable is unset: its calls fail naming the variable, the others run', async () => {
    const fixture = await startManagerFixture({
      manager: { env: { TEST_OPENAI_KEY: TEST_ENV.TEST_OPENAI_KEY } },
    });
    try {
      const answered = await fixture.manager.chatCompletion(ask('gpt-4o-mini'));
      expect(answered.success).toBe(true);
      for (const request of [
        ask('claude-sonnet-4-20250514'),
        ask('claude-sonnet-4-20250514', 'claude'),
      ]) {
        const failure = await fixture.manager.chatCompletion(request).catch((error) => error);
        expect(LLMError.is(failure)).toBe(true);
        expect(failure).toMatchObject({ type: 'auth', providerName: 'claude', retryable: false });
        expect((failure as LLMError).message).toBe(
          'Provider "claude" is disabled: environment variable TEST_ANTHROPIC_KEY is not set (llm.providers.claude.api_key); set it to call this provider',
        );
      }
      expect(fixture.simulator.requests.map((request) => request.protocol)).toEqual(['openai']);
      const records = await ledgerRecords(fixture.manager);
      expect(records.map((record) => [record.provider_name, record.error_type ?? 'ok'])).toEqual([
        ['openai', 'ok'],
        ['claude', 'auth'],
        ['claude', 'auth'],
      ]);
    } finally {
      await fixture.close();
    }
  });
});

describe('manager routing without default_provider', () => {
  it('routes every model name the same way past the thousand names it remembers per configuration', async () => {
    simulator = await startSimulator();
    const openai = {
      type: 'openai',
      api_key: 'sk-routing-test-123456',
      base_url: simulator.openaiBaseURL,
    };
    const { logger, parsed } = capturedPino('error');
    manager = await createLLMManager({
      logger,
      config: {
        enable_usage_tracking: false,
        default_provider: 'openai',
        providers: {
          openai: { ...openai, models: { 'gpt-4.1': {} } },
          backup: { ...openai, models: { 'gpt-4.1': {} } },
        },
      },
    });
    // Names no provider lists go to the default provider, which refuses them before any request.
    for (let index = 0; index < 1_100; index++)
      await expect(manager.chatCompletion(ask(`unlisted-${index}`))).rejects.toMatchObject({
        type: 'model_not_found',
        providerName: 'openai',
      });
    // A listed name first seen after that still goes to every deployment that lists it.
    const listed = await manager.chatCompletion(ask('gpt-4.1'), { strategy: 'priority' });
    expect(listed.metadata.provider_name).toBe('openai');
    await expect(manager.chatCompletion(ask('unlisted-7'))).rejects.toMatchObject({
      type: 'model_not_found',
    });
    expect(simulator.requests).toHaveLength(1);
    expect(parsed().filter((line) => line['event'] === 'call-end')).toHaveLength(1_101);
  });

  it('sends a model no provider lists to the first enabled provider, the documented default', async () => {
    simulator = await startSimulator();
    const openai = (enabled: boolean, models: Record<string, object>) => ({
      type: 'openai',
      enabled,
      api_key: 'sk-routing-test-123456',
      base_url: simulator!.openaiBaseURL,
      models,
    });
    manager = await createLLMManager({
      config: {
        enable_usage_tracking: false,
        providers: {
          off: openai(false, {}),
          primary: openai(true, {}),
          secondary: openai(true, { 'gpt-4.1': {} }),
        },
      },
    });
    const unlisted = await manager.chatCompletion(ask('gpt-4.1-nano'));
    const listed = await manager.chatCompletion(ask('gpt-4.1'));
    expect(unlisted.metadata.provider_name).toBe('primary');
    expect(listed.metadata.provider_name).toBe('secondary');
    expect(simulator.requests.map((request) => (request.body as { model: string }).model)).toEqual([
      'gpt-4.1-nano',
      'gpt-4.1',
    ]);
  });
});
