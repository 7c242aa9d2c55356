import { createRequire } from 'node:module';
import { assertSdkInstalled } from '@llm/core';
import type * as AnthropicSdk from '@anthropic-ai/sdk';

/** The `@anthropic-ai/sdk` module: the client class and the error classes. */
export type AnthropicSdkModule = typeof AnthropicSdk;

let loaded: AnthropicSdkModule | undefined;
let loading: Promise<AnthropicSdkModule> | undefined;

/**
 * Loads the Anthropic SDK when the first Claude provider makes a call, not when this package is
 * imported. Loaded once per process (the ESM build imports the SDK's ESM entry, the CJS build
 * requires its CJS entry, so its classes are the ones the application itself would get).
 */
export function loadAnthropicSdk(): Promise<AnthropicSdkModule> {
  if (loaded) return Promise.resolve(loaded);
  loading ??= import('@anthropic-ai/sdk').then((module) => {
    loaded = module;
    return module;
  });
  return loading;
}

/**
 * Refuses a Claude provider at start-up when the Anthropic SDK is not installed, without loading
 * it (found from this package's own folder, as the import will be).
 */
export function assertAnthropicSdkInstalled(providerName: string): void {
  assertSdkInstalled('@anthropic-ai/sdk', providerName, (name) =>
    createRequire(import.meta.url).resolve(name),
  );
}

/** The SDK if a provider loaded it already; only then can an error be one of its classes. */
export function loadedAnthropicSdk(): AnthropicSdkModule | undefined {
  return loaded;
}
