import { createRequire } from 'node:module';
import { createProviderSdkLoader, LLMError } from '@llm/core';
import { describe, expect, it } from 'vitest';
import { AzureOpenAIProvider } from './azure/azure-openai-provider';
import { OpenAIProvider } from './openai-provider';
import type { OpenAISdkModule } from './openai-sdk';
import { azureConfig, openAIConfig, useSimulator } from './__tests__/simulator';

// A package name no one installs: resolving and importing it fail as they do for an SDK that is
// not installed, without uninstalling anything.
const MISSING = '@llm/openai-sdk-not-installed';
const missingSdk = () =>
  createProviderSdkLoader<OpenAISdkModule>({
    packageName: MISSING,
    importSdk: () => import(/* @vite-ignore */ MISSING) as Promise<OpenAISdkModule>,
    resolve: (name) => createRequire(import.meta.url).resolve(name),
  });

const simulator = useSimulator();
const ask = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'hi' }] };

async function rejection(promise: Promise<unknown>): Promise<LLMError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(LLMError.is(error)).toBe(true);
  return error as LLMError;
}

function expectNotInstalled(error: LLMError, providerName: string): void {
  expect(error).toMatchObject({
    type: 'invalid_request',
    providerName,
    retryable: false,
    details: { config_error: true, package: MISSING },
  });
  expect(error.message).toBe(
    `Provider "${providerName}" needs the package ${MISSING}, which is not installed; install it (pnpm add ${MISSING}).`,
  );
}

describe.each([
  [
    'openai',
    () => new OpenAIProvider(openAIConfig(simulator.current), { sdkLoader: missingSdk() }),
  ],
  [
    'azure',
    () => new AzureOpenAIProvider(azureConfig(simulator.current), { sdkLoader: missingSdk() }),
  ],
])('a %s provider whose SDK is not installed', (providerName, build) => {
  it('is refused by initialize({ lazy: true }), naming the provider and the package', async () => {
    expectNotInstalled(await rejection(build().initialize({ lazy: true })), providerName);
  });

  it('is refused by initialize() and by a call, and sends nothing', async () => {
    const provider = build();
    expectNotInstalled(await rejection(provider.initialize()), providerName);
    expectNotInstalled(await rejection(provider.chatCompletion(ask)), providerName);
    expect(simulator.current.requests).toHaveLength(0);
  });
});
