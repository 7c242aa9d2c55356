import { createRequire } from 'node:module';
import { assertSdkInstalled, LLMError, LLMErrorType } from '@llm/core';
import type * as OpenAISdk from 'openai';

/** The `openai` package's module: the client classes and the error classes. */
export type OpenAISdkModule = typeof OpenAISdk;

let loaded: OpenAISdkModule | undefined;
let loading: Promise<OpenAISdkModule> | undefined;

/**
 * Loads the openai SDK when the first provider builds its client, not when this package is
 * imported: an application that configures no OpenAI-protocol provider never pays for it.
 * Loaded once per process (the ESM build imports the SDK's ESM entry, the CJS build requires its
 * CJS entry, so its classes are the ones the application itself would get).
 */
export function loadOpenAISdk(): Promise<OpenAISdkModule> {
  if (loaded) return Promise.resolve(loaded);
  loading ??= import('openai').then((module) => {
    loaded = module;
    return module;
  });
  return loading;
}

/**
 * Refuses a provider at start-up when the openai SDK is not installed, without loading it (found
 * from this package's own folder, as the import will be).
 */
export function assertOpenAISdkInstalled(providerName: string): void {
  assertSdkInstalled('openai', providerName, (name) =>
    createRequire(import.meta.url).resolve(name),
  );
}

/** The SDK if a provider loaded it already; only then can an error be one of its classes. */
export function loadedOpenAISdk(): OpenAISdkModule | undefined {
  return loaded;
}

/**
 * The SDK a client factory builds with: the one it was given, else the loaded one. Called before
 * anything loaded it (a client factory used on its own), it is a typed error saying what to do.
 */
export function openAISdkFor(providerName: string, given?: OpenAISdkModule): OpenAISdkModule {
  const sdk = given ?? loaded;
  if (sdk) return sdk;
  throw new LLMError({
    type: LLMErrorType.INVALID_REQUEST,
    message: `Provider "${providerName}": the openai SDK is not loaded yet; await loadOpenAISdk() (or provider.initialize()) before building a client`,
    providerName,
    retryable: false,
  });
}
