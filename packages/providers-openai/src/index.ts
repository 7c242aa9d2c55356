import { registerOpenAIProviders } from './register-openai-providers';

// Importing @llm/providers-openai makes `type = "openai"` and `type = "azure"` available to the manager.
registerOpenAIProviders();

// The providers
export {
  OpenAICompatibleProvider,
  toSdkLogger,
  type ChatTransformContext,
  type ClientContext,
  type OpenAICompatibleProviderOptions,
} from './openai-compatible-provider';
export { OpenAIProvider, createOpenAIClient, type OpenAIProviderOptions } from './openai-provider';
export {
  AzureOpenAIProvider,
  DEFAULT_AZURE_API_VERSION,
  createAzureOpenAIClient,
  type AzureADTokenProvider,
  type AzureOpenAIClientOptions,
  type AzureOpenAIProviderOptions,
} from './azure/azure-openai-provider';

// The SDK, loaded on the first call rather than at import
export { loadOpenAISdk, type OpenAISdkModule } from './openai-sdk';

// Factories and registration
export {
  azureOpenAIProviderFactory,
  createAzureOpenAIProviderFactory,
  openAIProviderFactory,
  registerOpenAIProviders,
} from './register-openai-providers';

// Types the seams above take and return
export type { OpenAIChatBody } from './chat/convert-to-openai-chat-request';
export type { OpenAIWireChunk } from './chat/openai-chat-stream';
export type { OpenAIErrorFacts, OpenAIErrorRule } from './errors/map-openai-error';
