import { registerProvider, type ProviderFactory } from '@llm/core';
import { ClaudeProvider } from './claude-provider';

/** Builds Claude providers from config for `type = "claude"` or `type = "anthropic"`. */
export const claudeProviderFactory: ProviderFactory = {
  type: 'claude',
  aliases: ['anthropic'],
  description: 'Anthropic Claude (Messages API) through the official @anthropic-ai/sdk',
  create: (config, context) => new ClaudeProvider(config, { logger: context.logger }),
};

// Importing the package makes `claude` and `anthropic` buildable from config.
registerProvider(claudeProviderFactory);
