import { describe, expect, it } from 'vitest';
import { checkDuplicateModels } from './semantic-checks';
import { contextFor } from './__tests__/check-context';

describe('checkDuplicateModels', () => {
  it('reports model names that differ only in case', () => {
    expect(
      checkDuplicateModels(
        contextFor({ providers: { openai: { models: { 'gpt-4': {}, 'GPT-4': {} } } } }),
      ),
    ).toEqual([
      {
        path: ['llm', 'providers', 'openai', 'models', 'GPT-4'],
        message: 'model "GPT-4" duplicates "gpt-4" (model names are compared ignoring case)',
      },
    ]);
  });

  it('allows the same model name under different providers', () => {
    expect(
      checkDuplicateModels(
        contextFor({
          providers: { a: { models: { 'gpt-4': {} } }, b: { models: { 'gpt-4': {} } } },
        }),
      ),
    ).toEqual([]);
  });
});
