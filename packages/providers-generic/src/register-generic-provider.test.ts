import { defaultProviderRegistry, ProviderRegistry, silentLogger } from '@llm/core';
import { describe, expect, it } from 'vitest';
import { createGenericProviderFactory, genericProviderFactory } from './register-generic-provider';
import { GenericProvider } from './generic-provider';
import { markGenericFactory } from './register-generic-provider';
import { registerGenericProvider } from './register-generic-provider';

const config = {
  name: 'local-llm',
  type: 'generic',
  preset: 'ollama',
  models: [],
  enabled: true,
  timeout: 30_000,
};

describe('registerGenericProvider', () => {
  it('registers the generic type, whose factory builds GenericProviders', () => {
    const registry = new ProviderRegistry();
    registerGenericProvider(registry);
    expect(registry.types()).toEqual(['generic']);
    const provider = registry.create(config, { logger: silentLogger });
    expect(provider).toBeInstanceOf(GenericProvider);
    expect(provider.config.base_url).toBe('http://localhost:11434/v1');
  });

  it('is harmless to call twice', () => {
    const registry = new ProviderRegistry();
    registerGenericProvider(registry);
    expect(() => registerGenericProvider(registry)).not.toThrow();
    expect(registry.get('generic')).toBe(genericProviderFactory);
  });

  it("leaves another copy of this package's factory in place instead of failing", () => {
    const registry = new ProviderRegistry();
    const otherCopy = markGenericFactory({ ...genericProviderFactory });
    registry.register(otherCopy);
    registerGenericProvider(registry);
    expect(registry.get('generic')).toBe(otherCopy);
  });

  it('keeps a factory made with createGenericProviderFactory that replaced the default', () => {
    const registry = new ProviderRegistry();
    const withTransforms = createGenericProviderFactory({
      transforms: ['think-tags-to-reasoning'],
    });
    registry.register(withTransforms);
    registerGenericProvider(registry);
    expect(registry.get('generic')).toBe(withTransforms);
  });

  it('refuses to silently replace a third party generic factory', () => {
    const registry = new ProviderRegistry();
    registry.register({ type: 'generic', create: () => ({}) as never });
    expect(() => registerGenericProvider(registry)).toThrow(/already registered/);
  });

  it('registered the generic type in the default registry when the package was imported', async () => {
    await import('./index');
    expect(defaultProviderRegistry().get('generic')).toBe(genericProviderFactory);
  });
});
