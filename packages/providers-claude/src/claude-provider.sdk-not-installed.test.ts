import { createRequire } from 'node:module';
import { createProviderSdkLoader, LLMError, LLMProviderConfigSchema } from '@llm/core';
import { describe, expect, it } from 'vitest';
import type { AnthropicSdkModule } from './anthropic-sdk';
import { ClaudeProvider } from './claude-provider';
import { TEST_API_KEY, userRequest } from './__tests__/claude-test-provider';
import { useSimulator } from './__tests__/use-simulator';

// A package name no one installs: resolving and importing it fail as they do for an SDK that is
// not installed, without uninstalling anything.
const MISSING = '@llm/anthropic-sdk-not-installed';

const simulator = useSimulator();

function providerWithoutSdk(): ClaudeProvider {
  return new ClaudeProvider(
    LLMProviderConfigSchema.parse({
      name: 'claude-test',
      type: 'claude',
      api_key: TEST_API_KEY,
      base_url: simulator.current.anthropicBaseURL,
    }),
    {
      sdkLoader: createProviderSdkLoader<AnthropicSdkModule>({
        packageName: MISSING,
        importSdk: () => import(/* @vite-ignore */ MISSING) as Promise<AnthropicSdkModule>,
        resolve: (name) => createRequire(import.meta.url).resolve(name),
      }),
    },
  );
}

async function notInstalled(promise: Promise<unknown>): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(LLMError.is(error)).toBe(true);
  expect(error).toMatchObject({
    type: 'invalid_request',
    providerName: 'claude-test',
    retryable: false,
    details: { config_error: true, package: MISSING },
  });
  expect((error as LLMError).message).toBe(
    `Provider "claude-test" needs the package ${MISSING}, which is not installed; install it (pnpm add ${MISSING}).`,
  );
}

describe('a Claude provider whose SDK is not installed', () => {
  it('is refused by initialize({ lazy: true }), naming the provider and the package', async () => {
    await notInstalled(providerWithoutSdk().initialize({ lazy: true }));
  });

  it('is refused by initialize(), by a call and by a stream, and sends nothing', async () => {
    const provider = providerWithoutSdk();
    await notInstalled(provider.initialize());
    await notInstalled(provider.chatCompletion(userRequest('hi')));
    const stream = provider.streamCompletion(userRequest('hi'))[Symbol.asyncIterator]();
    await notInstalled(stream.next());
    expect(simulator.current.requests).toHaveLength(0);
  });
});
