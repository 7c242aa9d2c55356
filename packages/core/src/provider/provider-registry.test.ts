import { describe, expect, it } from 'vitest';
import { LLMProviderConfigSchema } from '../schemas/provider-config';
import { silentLogger } from '../util/logger';
import type { ILLMProvider } from './llm-provider';
import {
  ProviderRegistry,
  defaultProviderRegistry,
  registerProvider,
  type ProviderFactory,
} from './provider-registry';

function factory(type: string, aliases?: string[]): ProviderFactory {
  return {
    type,
    aliases,
    create: (config) => ({ name: config.name, type, config }) as unknown as ILLMProvider,
  };
}

const config = (type: string) => LLMProviderConfigSchema.parse({ name: 'main', type });

describe('ProviderRegistry', () => {
  it('builds a provider from config through the factory registered for its type', () => {
    const registry = new ProviderRegistry();
    registry.register(factory('echo'));
    const provider = registry.create(config('echo'), { logger: silentLogger });
    expect(provider).toMatchObject({ name: 'main', type: 'echo' });
  });

  it('resolves aliases to the same factory', () => {
    const registry = new ProviderRegistry();
    const claude = factory('claude', ['anthropic']);
    registry.register(claude);
    expect(registry.get('anthropic')).toBe(claude);
    expect(registry.types()).toEqual(['anthropic', 'claude']);
  });

  it('refuses a second factory for a taken type unless told to override', () => {
    const registry = new ProviderRegistry();
    registry.register(factory('echo'));
    expect(() => registry.register(factory('echo'))).toThrow(/already registered/);
    const replacement = factory('echo');
    registry.register(replacement, { override: true });
    expect(registry.get('echo')).toBe(replacement);
  });

  it('accepts the same factory twice (a package imported twice)', () => {
    const registry = new ProviderRegistry();
    const echo = factory('echo');
    registry.register(echo);
    expect(() => registry.register(echo)).not.toThrow();
  });

  it('names the missing type, the provider and the registered ones when a type is unknown', () => {
    const registry = new ProviderRegistry();
    registry.register(factory('openai'));
    expect(() => registry.create(config('mystery'), { logger: silentLogger })).toThrow(
      'Provider type "mystery" (provider "main") is not registered (registered: openai)',
    );
  });

  it('unregisters a type with its aliases', () => {
    const registry = new ProviderRegistry();
    registry.register(factory('claude', ['anthropic']));
    expect(registry.unregister('anthropic')).toBe(true);
    expect(registry.has('claude')).toBe(false);
  });

  it('keeps one default registry per process, shared through globalThis', () => {
    const type = `test-${Math.random()}`;
    registerProvider(factory(type));
    const holder = globalThis as unknown as Record<symbol, ProviderRegistry>;
    expect(holder[Symbol.for('@llm/provider-registry')]).toBe(defaultProviderRegistry());
    expect(defaultProviderRegistry().has(type)).toBe(true);
    defaultProviderRegistry().unregister(type);
  });
});
