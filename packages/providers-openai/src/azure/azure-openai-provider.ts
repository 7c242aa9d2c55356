import type { LLMModelConfig, LLMProviderConfig } from '@llm/core';
import type { AzureOpenAI } from 'openai';
import {
  OpenAICompatibleProvider,
  missingCredentialsError,
  toSdkLogger,
  type ClientContext,
  type OpenAICompatibleProviderOptions,
} from '../openai-compatible-provider';
import { openAISdkFor } from '../openai-sdk';
import { transportOptions } from '../transport-options';

/** The data-plane API version used when the config sets no `api_version` (latest GA). */
export const DEFAULT_AZURE_API_VERSION = '2024-10-21';

/** Returns a Microsoft Entra ID (Azure AD) access token; called before every request. */
export type AzureADTokenProvider = () => Promise<string>;

export interface AzureOpenAIClientOptions extends Partial<ClientContext> {
  /** Authenticate with Entra ID (`Authorization: Bearer`) instead of the `api-key` header. */
  azureADTokenProvider?: AzureADTokenProvider;
}

/** Refuses an `azure` provider with no key (config or AZURE_OPENAI_API_KEY) and no Entra ID token provider. */
export function checkAzureCredentials(
  config: LLMProviderConfig,
  azureADTokenProvider?: AzureADTokenProvider,
): void {
  const apiKey =
    config.api_key === undefined ? process.env['AZURE_OPENAI_API_KEY']?.trim() : config.api_key;
  if (!azureADTokenProvider && !apiKey) {
    throw missingCredentialsError(
      config.name,
      'set api_key = "${AZURE_OPENAI_API_KEY}" in its config, the AZURE_OPENAI_API_KEY environment variable, or an Entra ID token provider (createAzureOpenAIProviderFactory({ azureADTokenProvider }))',
    );
  }
}

/**
 * The SDK client for a `type = "azure"` provider. No deployment is fixed on the client: each call's
 * body `model` (the model's `deployment`) selects `/openai/deployments/{deployment}/…`.
 */
export function createAzureOpenAIClient(
  config: LLMProviderConfig,
  options: AzureOpenAIClientOptions = {},
): AzureOpenAI {
  checkAzureCredentials(config, options.azureADTokenProvider);
  const sdk = openAISdkFor(config.name, options.sdk);
  return new sdk.AzureOpenAI({
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
    ...transportOptions(options.transport),
    ...(options.logger ? { logger: toSdkLogger(options.logger) } : {}),
  });
}

export interface AzureOpenAIProviderOptions extends Partial<OpenAICompatibleProviderOptions> {
  /** Authenticate with Microsoft Entra ID instead of `api_key`, e.g. `getBearerTokenProvider(…)` of @azure/identity. */
  azureADTokenProvider?: AzureADTokenProvider;
}

/** The deployment that serves a model: its `deployment`, else its name (deployments often share it). */
export function azureDeploymentFor(
  requestModel: string,
  model: LLMModelConfig | undefined,
): string {
  return model?.deployment ?? model?.name ?? requestModel;
}

/** The `azure` provider type: Azure OpenAI deployments, with `api-key` or Entra ID auth. */
export class AzureOpenAIProvider extends OpenAICompatibleProvider {
  constructor(config: LLMProviderConfig, options: AzureOpenAIProviderOptions = {}) {
    const { azureADTokenProvider, ...rest } = options;
    super(config, {
      createClient: (current, context) =>
        createAzureOpenAIClient(current, { ...context, azureADTokenProvider }),
      ...(rest.createClient
        ? {}
        : { checkConfig: (current) => checkAzureCredentials(current, azureADTokenProvider) }),
      resolveModelId: azureDeploymentFor,
      ...rest,
    });
  }
}
