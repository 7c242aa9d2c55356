import { createRequire } from 'node:module';
import { createProviderSdkLoader, type ProviderSdkLoader } from '@llm/core';
import type * as AnthropicSdk from '@anthropic-ai/sdk';

/** The `@anthropic-ai/sdk` module: the client class and the error classes. */
export type AnthropicSdkModule = typeof AnthropicSdk;

/**
 * The Anthropic SDK, loaded when the first Claude provider makes a call, not when this package is
 * imported. Loaded once per process (the ESM build imports the SDK's ESM entry, the CJS build
 * requires its CJS entry, so its classes are the ones the application itself would get); found
 * from this package's own folder.
 */
export const anthropicSdkLoader: ProviderSdkLoader<AnthropicSdkModule> = createProviderSdkLoader({
  packageName: '@anthropic-ai/sdk',
  importSdk: () => import('@anthropic-ai/sdk'),
  resolve: (name) => createRequire(import.meta.url).resolve(name),
});

/** Loads the Anthropic SDK (once per process; see `anthropicSdkLoader`). */
export function loadAnthropicSdk(): Promise<AnthropicSdkModule> {
  return anthropicSdkLoader.load('claude');
}

/** The SDK if a provider loaded it already; only then can an error be one of its classes. */
export function loadedAnthropicSdk(): AnthropicSdkModule | undefined {
  return anthropicSdkLoader.loaded();
}
