import { createRequire } from 'node:module';
import { createProviderSdkLoader, LLMError, LLMErrorType, type ProviderSdkLoader } from '@llm/core';
import type * as OpenAISdk from 'openai';

/** The `openai` package's module: the client classes and the error classes. */
export type OpenAISdkModule = typeof OpenAISdk;

/**
 * The openai SDK, loaded when the first provider builds its client, not when this package is
 * imported: an application that configures no OpenAI-protocol provider never pays for it.
 * Loaded once per process (the ESM build imports the SDK's ESM entry, the CJS build requires its
 * CJS entry, so its classes are the ones the application itself would get); found from this
 * package's own folder.
 */
export const openAISdkLoader: ProviderSdkLoader<OpenAISdkModule> = createProviderSdkLoader({
  packageName: 'openai',
  importSdk: () => import('openai'),
  resolve: (name) => createRequire(import.meta.url).resolve(name),
});

/** Loads the openai SDK (once per process; see `openAISdkLoader`). */
export function loadOpenAISdk(): Promise<OpenAISdkModule> {
  return openAISdkLoader.load('openai');
}

/** The SDK if a provider loaded it already; only then can an error be one of its classes. */
export function loadedOpenAISdk(): OpenAISdkModule | undefined {
  return openAISdkLoader.loaded();
}

/**
 * The SDK a client factory builds with: the one it was given, else the loaded one. Called before
 * anything loaded it (a client factory used on its own), it is a typed error saying what to do.
 */
export function openAISdkFor(providerName: string, given?: OpenAISdkModule): OpenAISdkModule {
  const sdk = given ?? openAISdkLoader.loaded();
  if (sdk) return sdk;
  throw new LLMError({
    type: LLMErrorType.INVALID_REQUEST,
    message: `Provider "${providerName}": the openai SDK is not loaded yet; await loadOpenAISdk() (or provider.initialize()) before building a client`,
    providerName,
    retryable: false,
  });
}
