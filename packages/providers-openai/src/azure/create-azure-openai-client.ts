import type { LLMProviderConfig } from '@llm/core';
import { AzureOpenAI } from 'openai';
import type { ClientContext } from '../provider/openai-compatible-options';
import { toSdkLogger } from '../provider/to-sdk-logger';

/** The data-plane API version used when the config sets no `api_version` (latest GA). */
export const DEFAULT_AZURE_API_VERSION = '2024-10-21';

/** Returns a Microsoft Entra ID (Azure AD) access token; called before every request. */
export type AzureADTokenProvider = () => Promise<string>;

export interface AzureOpenAIClientOptions extends Partial<ClientContext> {
  /** Authenticate with Entra ID (`Authorization: Bearer`) instead of the `api-key` header. */
  azureADTokenProvider?: AzureADTokenProvider;
}

/**
 * The SDK client for a `type = "azure"` provider. No deployment is fixed on the client: each call's
 * body `model` (the model's `deployment`) selects `/openai/deployments/{deployment}/…`.
 */
export function createAzureOpenAIClient(
  config: LLMProviderConfig,
  options: AzureOpenAIClientOptions = {},
): AzureOpenAI {
  return new AzureOpenAI({
    ...(config.endpoint || !config.base_url
      ? { endpoint: config.endpoint }
      : { baseURL: config.base_url }),
    apiVersion: config.api_version ?? DEFAULT_AZURE_API_VERSION,
    ...(options.azureADTokenProvider
      ? { azureADTokenProvider: options.azureADTokenProvider }
      : { apiKey: config.api_key }),
    defaultHeaders: config.headers,
    defaultQuery: config.query,
    timeout: config.timeout,
    maxRetries: 0,
    ...(options.logger ? { logger: toSdkLogger(options.logger) } : {}),
  });
}
