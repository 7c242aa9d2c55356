import { registerOpenAIProviders } from './register-openai-providers';

// Importing @llm/providers-openai makes `type = "openai"` and `type = "azure"` available to the manager.
registerOpenAIProviders();
