import { describe, expect, it } from 'vitest';
import { LLMProviderConfigSchema } from '@llm/core';
import {
  addProviderPatch,
  precedenceDrafts,
  removeProviderPatch,
  updateProviderPatch,
} from './runtime-changes';

const openai = LLMProviderConfigSchema.parse({
  name: 'openai',
  type: 'openai',
  api_key: 'sk-secret',
  models: [{ name: 'gpt-4o' }, { name: 'gpt-4.1', max_tokens: 100 }],
});

describe('addProviderPatch', () => {
  it('writes the provider in the file shape', () => {
    const { patch, drafts } = addProviderPatch(
      LLMProviderConfigSchema.parse({
        name: 'local',
        type: 'generic',
        models: [{ name: 'llama3' }],
      }),
      undefined,
    );
    expect(drafts).toEqual([]);
    expect(patch).toEqual({
      llm: {
        providers: {
          local: { type: 'generic', enabled: true, timeout: 30000, models: { llama3: {} } },
        },
      },
    });
  });

  it('clears keys of a same-named provider from the file layers', () => {
    const { patch } = addProviderPatch(
      { name: 'openai', type: 'openai', models: [], enabled: true, timeout: 30000 },
      { type: 'openai', api_key: '${OPENAI_API_KEY}', timeout: 30000 },
    );
    expect(patch).toEqual({
      llm: { providers: { openai: { api_key: null, enabled: true, models: {} } } },
    });
  });
});

describe('updateProviderPatch', () => {
  it('holds only what changed, so an unchanged api key is never written', () => {
    expect(updateProviderPatch(openai, { timeout: 60000 }).patch).toEqual({
      llm: { providers: { openai: { timeout: 60000 } } },
    });
  });

  it('replaces the model list, removing models that are gone', () => {
    const { patch } = updateProviderPatch(openai, {
      models: [{ name: 'gpt-4.1', max_tokens: 200 }],
    });
    expect(patch).toEqual({
      llm: {
        providers: { openai: { models: { 'gpt-4o': null, 'gpt-4.1': { max_tokens: 200 } } } },
      },
    });
  });

  it('reports a model without a name', () => {
    const { drafts } = updateProviderPatch(openai, { models: [{ max_tokens: 1 } as never] });
    expect(drafts).toEqual([
      {
        path: ['llm', 'providers', 'openai', 'models', 0, 'name'],
        message: 'is required (a string)',
      },
    ]);
  });
});

describe('removeProviderPatch', () => {
  it('removes the provider with a null', () => {
    expect(removeProviderPatch('openai')).toEqual({ llm: { providers: { openai: null } } });
  });
});

describe('precedenceDrafts', () => {
  it('reports a changed value that the environment keeps overriding', () => {
    const origins = new Map([
      [
        'llm.providers.openai.timeout',
        { kind: 'environment' as const, variable: 'LLM_PROVIDERS__OPENAI__TIMEOUT' },
      ],
    ]);
    expect(precedenceDrafts({ llm: { providers: { openai: { timeout: 1 } } } }, origins)).toEqual([
      {
        path: ['llm', 'providers', 'openai', 'timeout'],
        message:
          'is set by environment variable LLM_PROVIDERS__OPENAI__TIMEOUT, which takes precedence over runtime changes',
      },
    ]);
  });
});
