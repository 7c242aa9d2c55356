import { closestMatch } from '../issues/closest-match';
import type { IssueDraft } from '../issues/issue-draft';
import { isTable } from '../pipeline/is-table';
import { providerEntries, type CheckContext, type SemanticCheck } from './check-context';

function checkBudget(
  budget: Record<string, unknown>,
  index: number,
  context: CheckContext,
): IssueDraft[] {
  const path = ['llm', 'budgets', index];
  const scope = budget.scope ?? 'all';
  const match = budget.match;
  const drafts: IssueDraft[] = [];
  if (scope !== 'all' && (typeof match !== 'string' || match === '')) {
    drafts.push({
      path: [...path, 'match'],
      message: `is required for scope "${String(scope)}" (the ${scope === 'tag' ? 'tag as key=value' : `${String(scope)} name`})`,
    });
  } else if (scope === 'tag' && typeof match === 'string' && !/^[^=]+=.*$/.test(match)) {
    drafts.push({ path: [...path, 'match'], message: 'must be "key=value" for scope "tag"' });
  } else if (scope === 'provider' && typeof match === 'string') {
    const names = providerEntries(context.llm).map(([name]) => name);
    const suggestion = closestMatch(match, names);
    if (!names.includes(match))
      drafts.push({
        path: [...path, 'match'],
        message: `"${match}" is not a configured provider`,
        ...(suggestion ? { suggestion } : {}),
      });
  }
  const currency = budget.currency;
  const rates = isTable(context.llm.exchange_rates) ? context.llm.exchange_rates : {};
  const display = context.llm.display_currency ?? 'USD';
  if (typeof currency === 'string' && currency !== display && !(currency in rates)) {
    drafts.push({
      path: [...path, 'currency'],
      message: `has no exchange rate to the display currency ${String(display)} (add ${currency} to exchange_rates)`,
    });
  }
  return drafts;
}

/** Scoped budgets need a `match`; a tag match is `key=value`; a budget currency needs an exchange rate. */
export const checkBudgets: SemanticCheck = (context) => {
  const budgets = context.llm.budgets;
  if (!Array.isArray(budgets)) return [];
  return budgets.flatMap((budget, index) =>
    isTable(budget) ? checkBudget(budget, index, context) : [],
  );
};
