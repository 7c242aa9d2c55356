import { ProviderRegistry, defaultProviderRegistry, silentLogger } from '@llm/core';
import { describe, expect, it } from 'vitest';
import { AzureOpenAIProvider } from './azure/azure-openai-provider';
import {
  azureOpenAIProviderFactory,
  createAzureOpenAIProviderFactory,
} from './register-openai-providers';
import { OpenAIProvider } from './openai-provider';
import { openAIProviderFactory } from './register-openai-providers';
import { registerOpenAIProviders } from './register-openai-providers';
import { markOwnFactory } from './register-openai-providers';

const config = (type: string) => ({
  name: `my-${type}`,
  type,
  models: [],
  enabled: true,
  timeout: 30000,
  max_retries: 3,
});

describe('registerOpenAIProviders', () => {
  it('registers the openai and azure types', () => {
    const registry = new ProviderRegistry();
    registerOpenAIProviders(registry);
    expect(registry.types()).toEqual(['azure', 'openai']);
    expect(registry.create(config('openai'), { logger: silentLogger })).toBeInstanceOf(
      OpenAIProvider,
    );
    expect(registry.create(config('azure'), { logger: silentLogger })).toBeInstanceOf(
      AzureOpenAIProvider,
    );
  });

  it('is harmless to call twice', () => {
    const registry = new ProviderRegistry();
    registerOpenAIProviders(registry);
    expect(() => registerOpenAIProviders(registry)).not.toThrow();
    expect(registry.get('openai')).toBe(openAIProviderFactory);
  });

  it("leaves another copy of this package's factories in place instead of failing", () => {
    const registry = new ProviderRegistry();
    const otherCopy = markOwnFactory({ ...openAIProviderFactory });
    registry.register(otherCopy);
    expect(() => registerOpenAIProviders(registry)).not.toThrow();
    expect(registry.get('openai')).toBe(otherCopy);
  });

  it('keeps an Azure factory with a token provider that replaced the default one', () => {
    const registry = new ProviderRegistry();
    const withToken = createAzureOpenAIProviderFactory({
      azureADTokenProvider: async () => 'token',
    });
    registry.register(withToken);
    registerOpenAIProviders(registry);
    expect(registry.get('azure')).toBe(withToken);
    expect(registry.get('azure')).not.toBe(azureOpenAIProviderFactory);
  });

  it('registered both types in the default registry when the package was imported', async () => {
    await import('./index');
    expect(defaultProviderRegistry().get('openai')).toBe(openAIProviderFactory);
    expect(defaultProviderRegistry().get('azure')).toBe(azureOpenAIProviderFactory);
  });
});
