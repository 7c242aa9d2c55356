import { describe, expect, it } from 'vitest';
import { checkBudgets } from './semantic-checks';
import { contextFor } from './__tests__/check-context';

const budget = (fields: Record<string, unknown>) => ({ period: 'day', limit: 5, ...fields });

describe('checkBudgets', () => {
  it('requires match for a scoped budget', () => {
    expect(checkBudgets(contextFor({ budgets: [budget({ scope: 'model' })] }))).toEqual([
      {
        path: ['llm', 'budgets', 0, 'match'],
        message: 'is required for scope "model" (the model name)',
      },
    ]);
  });

  it('requires key=value for a tag budget', () => {
    expect(
      checkBudgets(contextFor({ budgets: [budget({ scope: 'tag', match: 'team' })] }))[0]?.message,
    ).toBe('must be "key=value" for scope "tag"');
  });

  it('reports a provider budget naming an unknown provider', () => {
    const drafts = checkBudgets(
      contextFor({
        providers: { openai: {} },
        budgets: [budget({ scope: 'provider', match: 'openi' })],
      }),
    );
    expect(drafts).toEqual([
      {
        path: ['llm', 'budgets', 0, 'match'],
        message: '"openi" is not a configured provider',
        suggestion: 'openai',
      },
    ]);
  });

  it('reports a budget currency without an exchange rate', () => {
    expect(
      checkBudgets(
        contextFor({ display_currency: 'USD', budgets: [budget({ currency: 'CNY' })] }),
      )[0]?.message,
    ).toBe('has no exchange rate to the display currency USD (add CNY to exchange_rates)');
    expect(
      checkBudgets(
        contextFor({ exchange_rates: { CNY: 7.1 }, budgets: [budget({ currency: 'CNY' })] }),
      ),
    ).toEqual([]);
  });
});
