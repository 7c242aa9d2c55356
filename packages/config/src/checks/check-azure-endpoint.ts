import { providerEntries, type SemanticCheck } from './check-context';

/** An enabled Azure provider cannot be called without its resource endpoint. */
export const checkAzureEndpoint: SemanticCheck = ({ llm }) =>
  providerEntries(llm)
    .filter(
      ([, provider]) =>
        provider.type === 'azure' &&
        provider.enabled !== false &&
        !provider.endpoint &&
        !provider.base_url,
    )
    .map(([name]) => ({
      path: ['llm', 'providers', name, 'endpoint'],
      message:
        'is required for an azure provider (https://<resource>.openai.azure.com), or set AZURE_OPENAI_ENDPOINT',
    }));
