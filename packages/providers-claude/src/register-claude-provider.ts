import { registerProvider } from '@llm/core';
import { claudeProviderFactory } from './claude-provider-factory';

// Importing the package makes `claude` and `anthropic` buildable from config.
registerProvider(claudeProviderFactory);
