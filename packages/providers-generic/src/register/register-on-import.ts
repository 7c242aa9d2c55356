import { registerGenericProvider } from './register-generic-provider';

// Importing @llm/providers-generic makes `type = "generic"` available to the manager.
registerGenericProvider();
