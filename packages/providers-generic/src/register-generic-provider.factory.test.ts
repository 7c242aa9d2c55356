import { LLMError, silentLogger } from '@llm/core';
import { describe, expect, it } from 'vitest';
import { createGenericProviderFactory, genericProviderFactory } from './register-generic-provider';
import { GenericProvider } from './generic-provider';

const config = (overrides: Record<string, unknown> = {}) => ({
  name: 'kimi',
  type: 'generic',
  preset: 'moonshot',
  api_key: 'sk-moonshot-test',
  models: [],
  enabled: true,
  timeout: 30_000,
  ...overrides,
});

describe('genericProviderFactory', () => {
  it('serves the generic type', () => {
    expect(genericProviderFactory.type).toBe('generic');
  });

  it('builds a provider with the preset and its transforms resolved', () => {
    const provider = genericProviderFactory.create(config(), { logger: silentLogger });
    expect(provider).toBeInstanceOf(GenericProvider);
    expect((provider as GenericProvider).preset?.name).toBe('moonshot');
    expect((provider as GenericProvider).transforms.map((entry) => entry.name)).toEqual([
      'lift-choice-usage',
    ]);
  });

  it('fails at creation, before any call, for an unknown preset', () => {
    expect(() =>
      genericProviderFactory.create(config({ preset: 'kimi' }), { logger: silentLogger }),
    ).toThrow(LLMError);
  });
});

describe('createGenericProviderFactory', () => {
  it('gives every provider it builds the transforms given in code, after the config ones', () => {
    const factory = createGenericProviderFactory({
      transforms: ['think-tags-to-reasoning', { name: 'audit', request: (body) => body }],
    });
    const provider = factory.create(config({ transforms: ['system-prompt-prefix'] }), {
      logger: silentLogger,
    }) as GenericProvider;
    expect(provider.transforms.map((entry) => entry.name)).toEqual([
      'lift-choice-usage',
      'system-prompt-prefix',
      'think-tags-to-reasoning',
      'audit',
    ]);
  });
});
