import type { LLMProviderConfig } from '@llm/core';
import type OpenAI from 'openai';
import {
  OpenAICompatibleProvider,
  missingCredentialsError,
  toSdkLogger,
  type ClientContext,
  type OpenAICompatibleProviderOptions,
} from './openai-compatible-provider';
import { openAISdkFor } from './openai-sdk';
import { transportOptions } from './transport-options';

/** Refuses an `openai` provider with no key in its config nor in OPENAI_API_KEY (OPENAI_ADMIN_KEY). */
export function checkOpenAICredentials(config: LLMProviderConfig): void {
  const apiKey =
    config.api_key === undefined ? process.env['OPENAI_API_KEY']?.trim() : config.api_key;
  if (!apiKey && !process.env['OPENAI_ADMIN_KEY']?.trim()) {
    throw missingCredentialsError(
      config.name,
      'set api_key = "${OPENAI_API_KEY}" in its config, or the OPENAI_API_KEY environment variable',
    );
  }
}

/**
 * The SDK client for a `type = "openai"` provider. SDK retries are off: retries belong to @llm/retry.
 * Unset `api_key` / `base_url` fall back to the SDK's own `OPENAI_API_KEY` / `OPENAI_BASE_URL`.
 */
export function createOpenAIClient(
  config: LLMProviderConfig,
  context?: Partial<ClientContext>,
): OpenAI {
  checkOpenAICredentials(config);
  const sdk = openAISdkFor(config.name, context?.sdk);
  return new sdk.OpenAI({
    apiKey: config.api_key,
    baseURL: config.base_url,
    organization: config.organization,
    project: config.project,
    defaultHeaders: config.headers,
    defaultQuery: config.query,
    timeout: config.timeout,
    maxRetries: 0,
    ...transportOptions(context?.transport),
    ...(context?.logger ? { logger: toSdkLogger(context.logger) } : {}),
  });
}

/** Any seam of the shared provider may be replaced (e.g. `createClient` with a custom `fetch`). */
export type OpenAIProviderOptions = Partial<OpenAICompatibleProviderOptions>;

/** The `openai` provider type: OpenAI's Chat Completions, embeddings and models endpoints. */
export class OpenAIProvider extends OpenAICompatibleProvider {
  constructor(config: LLMProviderConfig, options: OpenAIProviderOptions = {}) {
    // A client factory of one's own decides what it needs: the default check goes with the default.
    super(config, {
      createClient: createOpenAIClient,
      ...(options.createClient ? {} : { checkConfig: checkOpenAICredentials }),
      ...options,
    });
  }
}
