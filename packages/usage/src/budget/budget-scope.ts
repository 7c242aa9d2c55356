import type { BudgetConfig, UsageFilter } from '@llm/core';

/** The call a budget is checked for. */
export interface BudgetTarget {
  provider: string;
  model: string;
  tags?: Readonly<Record<string, string>>;
}

/** A budget's scope as a ledger filter and a predicate over calls. */
export interface BudgetScope {
  filter: UsageFilter;
  applies(target: BudgetTarget): boolean;
  description: string;
}

export function budgetScope(budget: BudgetConfig): BudgetScope {
  const match = budget.match;
  if (budget.scope === 'all') return { filter: {}, applies: () => true, description: 'all calls' };
  if (match === undefined || match === '')
    throw new Error(
      `A budget with scope "${budget.scope}" needs "match" (the ${budget.scope === 'tag' ? 'tag as key=value' : budget.scope} it limits)`,
    );
  if (budget.scope === 'provider')
    return {
      filter: { provider_name: match },
      applies: (target) => target.provider === match,
      description: `provider ${match}`,
    };
  if (budget.scope === 'model')
    return {
      filter: { model_name: match },
      applies: (target) => target.model === match,
      description: `model ${match}`,
    };
  const separator = match.indexOf('=');
  if (separator <= 0)
    throw new Error(`A budget with scope "tag" needs match = "key=value", got "${match}"`);
  const key = match.slice(0, separator);
  const value = match.slice(separator + 1);
  return {
    filter: { tags: { [key]: value } },
    applies: (target) => target.tags?.[key] === value,
    description: `tag ${key}=${value}`,
  };
}
