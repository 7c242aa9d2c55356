import { createRequire } from 'node:module';
import { createProviderSdkLoader, LLMError } from '@llm/core';
import type { OpenAISdkModule } from '@llm/providers-openai';
import { describe, expect, it } from 'vitest';
import { GenericProvider } from './generic-provider';
import { ask, genericConfig, useSimulator } from './__tests__/simulator';

// A package name no one installs: resolving and importing it fail as they do for an SDK that is
// not installed, without uninstalling anything.
const MISSING = '@llm/openai-sdk-not-installed';

const simulator = useSimulator();

function providerWithoutSdk(): GenericProvider {
  return new GenericProvider(genericConfig(simulator.current), {
    sdkLoader: createProviderSdkLoader<OpenAISdkModule>({
      packageName: MISSING,
      importSdk: () => import(/* @vite-ignore */ MISSING) as Promise<OpenAISdkModule>,
      resolve: (name) => createRequire(import.meta.url).resolve(name),
    }),
  });
}

async function notInstalled(promise: Promise<unknown>): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(LLMError.is(error)).toBe(true);
  expect(error).toMatchObject({
    type: 'invalid_request',
    providerName: 'compatible',
    retryable: false,
    details: { config_error: true, package: MISSING },
  });
  expect((error as LLMError).message).toBe(
    `Provider "compatible" needs the package ${MISSING}, which is not installed; install it (pnpm add ${MISSING}).`,
  );
}

describe('a generic provider whose SDK is not installed', () => {
  it('is refused by initialize({ lazy: true }), naming the provider and the package', async () => {
    await notInstalled(providerWithoutSdk().initialize({ lazy: true }));
  });

  it('is refused by initialize(), by a call and by a stream, and sends nothing', async () => {
    const provider = providerWithoutSdk();
    await notInstalled(provider.initialize());
    await notInstalled(provider.chatCompletion(ask()));
    const stream = provider.streamCompletion(ask())[Symbol.asyncIterator]();
    await notInstalled(stream.next());
    expect(simulator.current.requests).toHaveLength(0);
  });
});
