import { registerProvider, type ProviderFactory } from '@llm/core';
import { EchoProvider } from './echo-provider';

export { EchoProvider };

// #region register
export const echoProviderFactory: ProviderFactory = {
  type: 'echo',
  description: 'Example provider: echoes the last user message.',
  create: (config) => new EchoProvider(config),
};

registerProvider(echoProviderFactory);
// #endregion register
