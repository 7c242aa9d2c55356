import { describe, expect, it } from 'vitest';
import { checkDefaultModel } from './semantic-checks';
import { contextFor } from './__tests__/check-context';

const providers = {
  openai: { models: { 'gpt-4o-mini': {}, 'gpt-4.1': { model_id: 'gpt-4.1-2025-04-14' } } },
};

describe('checkDefaultModel', () => {
  it('accepts a logical model, a provider/model pair and a model a provider lists', () => {
    const models = { fast: { deployments: [{ provider: 'openai', model: 'gpt-4o-mini' }] } };
    for (const name of ['fast', 'openai/gpt-4.1', 'gpt-4o-mini', 'gpt-4.1-2025-04-14'])
      expect(
        checkDefaultModel(contextFor({ providers, models, default_model: name })),
        name,
      ).toEqual([]);
  });

  it('says nothing when no default model is set', () => {
    expect(checkDefaultModel(contextFor({ providers }))).toEqual([]);
  });

  it('reports an unknown plain name with the closest known one', () => {
    expect(checkDefaultModel(contextFor({ providers, default_model: 'gpt-4o-mnii' }))).toEqual([
      {
        path: ['llm', 'default_model'],
        message:
          '"gpt-4o-mnii" is neither a logical model, a provider/model pair nor a model a provider lists',
        suggestion: 'gpt-4o-mini',
      },
    ]);
  });

  it('reports a pair whose provider does not list the model, suggesting the listed one', () => {
    expect(
      checkDefaultModel(contextFor({ providers, default_model: 'openai/gpt-4o-mnii' })),
    ).toEqual([
      {
        path: ['llm', 'default_model'],
        message:
          'provider "openai" does not list model "gpt-4o-mnii" (listed: gpt-4o-mini, gpt-4.1, gpt-4.1-2025-04-14)',
        suggestion: 'openai/gpt-4o-mini',
      },
    ]);
  });

  it('accepts any plain name when an enabled provider lists no models (it serves any)', () => {
    expect(
      checkDefaultModel(
        contextFor({ providers: { ...providers, local: {} }, default_model: 'llama3' }),
      ),
    ).toEqual([]);
    expect(
      checkDefaultModel(
        contextFor({
          providers: { ...providers, local: { enabled: false } },
          default_model: 'llama3',
        }),
      )[0]?.path,
    ).toEqual(['llm', 'default_model']);
  });
});
