import { describe, expect, it } from 'vitest';
import { checkLogicalModels } from './semantic-checks';
import { contextFor } from './__tests__/check-context';

const providers = {
  openai: { models: { 'gpt-4o-mini': {}, 'gpt-4.1': { model_id: 'gpt-4.1-2025-04-14' } } },
  azure: { models: { 'gpt-4o-mini': {} } },
  local: {},
};

describe('checkLogicalModels', () => {
  it('accepts deployments and fallbacks that name configured providers and listed models', () => {
    expect(
      checkLogicalModels(
        contextFor({
          providers,
          models: {
            fast: {
              deployments: [
                { provider: 'openai', model: 'gpt-4o-mini', weight: 3 },
                { provider: 'azure', model: 'gpt-4o-mini' },
                { provider: 'local', model: 'anything' },
              ],
              fallbacks: ['smart', 'openai/gpt-4.1-2025-04-14', 'local/llama'],
              context_window_fallbacks: ['gpt-4.1'],
            },
            smart: { deployments: [{ provider: 'openai', model: 'gpt-4.1' }] },
          },
        }),
      ),
    ).toEqual([]);
  });

  it('reports an unknown provider in a deployment with the closest configured one', () => {
    expect(
      checkLogicalModels(
        contextFor({
          providers,
          models: { fast: { deployments: [{ provider: 'azur', model: 'gpt-4o-mini' }] } },
        }),
      ),
    ).toEqual([
      {
        path: ['llm', 'models', 'fast', 'deployments', 0, 'provider'],
        message: '"azur" is not a configured provider',
        suggestion: 'azure',
      },
    ]);
  });

  it('reports a model its provider does not list', () => {
    expect(
      checkLogicalModels(
        contextFor({
          providers,
          models: { fast: { deployments: [{ provider: 'openai', model: 'gpt-4o-mni' }] } },
        }),
      ),
    ).toEqual([
      {
        path: ['llm', 'models', 'fast', 'deployments', 0, 'model'],
        message:
          'provider "openai" does not list model "gpt-4o-mni" (listed: gpt-4o-mini, gpt-4.1, gpt-4.1-2025-04-14)',
        suggestion: 'gpt-4o-mini',
      },
    ]);
  });

  it('reports fallbacks that name nothing, with did-you-mean when a name is close', () => {
    expect(
      checkLogicalModels(
        contextFor({
          providers,
          models: {
            fast: { fallbacks: ['smrt', 'openai/gpt-41'], context_window_fallbacks: ['gpt-5'] },
            smart: {},
          },
        }),
      ),
    ).toEqual([
      {
        path: ['llm', 'models', 'fast', 'fallbacks', 0],
        message:
          '"smrt" is neither a logical model, a provider/model pair nor a model a provider lists',
        suggestion: 'smart',
      },
      {
        path: ['llm', 'models', 'fast', 'fallbacks', 1],
        message:
          'provider "openai" does not list model "gpt-41" (listed: gpt-4o-mini, gpt-4.1, gpt-4.1-2025-04-14)',
        suggestion: 'openai/gpt-4.1',
      },
      {
        path: ['llm', 'models', 'fast', 'context_window_fallbacks', 0],
        message:
          '"gpt-5" is neither a logical model, a provider/model pair nor a model a provider lists',
      },
    ]);
  });

  it('ignores values of the wrong type (the schema reports those)', () => {
    expect(
      checkLogicalModels(
        contextFor({ providers, models: { fast: { deployments: 'x', fallbacks: [3] }, b: 1 } }),
      ),
    ).toEqual([]);
  });
});
