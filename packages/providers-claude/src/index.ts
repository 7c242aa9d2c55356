// Importing the package registers the factory (register-claude-provider.ts), so `type = "claude"`
// and `type = "anthropic"` work in config.
export { ClaudeProvider, type ClaudeProviderOptions } from './claude-provider';
export { claudeProviderFactory } from './register-claude-provider';
export type { ClaudeAuthStyle } from './anthropic-client-options';
export { DEFAULT_MAX_TOKENS } from './messages/build-anthropic-request';
