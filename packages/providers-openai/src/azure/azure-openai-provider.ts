import type { LLMModelConfig, LLMProviderConfig } from '@llm/core';
import { OpenAICompatibleProvider } from '../provider/openai-compatible-provider';
import type { OpenAICompatibleProviderOptions } from '../provider/openai-compatible-options';
import { createAzureOpenAIClient, type AzureADTokenProvider } from './create-azure-openai-client';

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
        createAzureOpenAIClient(current, { azureADTokenProvider, logger: context.logger }),
      resolveModelId: azureDeploymentFor,
      ...rest,
    });
  }
}
