import { LLMProviderConfigSchema, defaultProviderRegistry, silentLogger } from '@llm/core';
import { describe, expect, it } from 'vitest';
import { ClaudeProvider, claudeProviderFactory } from './index';

const config = LLMProviderConfigSchema.parse({
  name: 'claude-main',
  type: 'anthropic',
  api_key: 'sk-ant-test',
});

describe('claudeProviderFactory', () => {
  it('serves type claude with the alias anthropic', () => {
    expect(claudeProviderFactory.type).toBe('claude');
    expect(claudeProviderFactory.aliases).toEqual(['anthropic']);
  });

  it('is registered in the default registry when the package is imported', () => {
    expect(defaultProviderRegistry().get('claude')).toBe(claudeProviderFactory);
    expect(defaultProviderRegistry().get('anthropic')).toBe(claudeProviderFactory);
  });

  it('builds a ClaudeProvider from a config of type anthropic', () => {
    const provider = defaultProviderRegistry().create(config, { logger: silentLogger });
    expect(provider).toBeInstanceOf(ClaudeProvider);
    expect(provider.name).toBe('claude-main');
    expect(provider.type).toBe('claude');
    expect(provider.config).toBe(config);
  });
});
