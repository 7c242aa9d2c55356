import { describe, expect, it } from 'vitest';
import { formatConfigPath, valueAtPath } from './config-path';

describe('formatConfigPath', () => {
  it('joins bare keys with dots', () => {
    expect(formatConfigPath(['llm', 'providers', 'openai', 'timeout'])).toBe(
      'llm.providers.openai.timeout',
    );
  });

  it('quotes keys that contain dots or other non-bare characters', () => {
    expect(formatConfigPath(['llm', 'providers', 'openai', 'models', 'gpt-4.1', 'pricing'])).toBe(
      'llm.providers.openai.models."gpt-4.1".pricing',
    );
  });

  it('writes array indexes in brackets', () => {
    expect(formatConfigPath(['llm', 'budgets', 0, 'limit'])).toBe('llm.budgets[0].limit');
  });
});

describe('valueAtPath', () => {
  it('walks objects and arrays and returns undefined past a leaf', () => {
    const tree = { llm: { budgets: [{ limit: 5 }] } };
    expect(valueAtPath(tree, ['llm', 'budgets', 0, 'limit'])).toBe(5);
    expect(valueAtPath(tree, ['llm', 'budgets', 0, 'limit', 'deeper'])).toBeUndefined();
  });
});
