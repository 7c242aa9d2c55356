import { EventEmitter } from 'node:events';
import {
  BudgetConfigSchema,
  LLMError,
  systemClock,
  type BudgetConfig,
  type Clock,
  type UsageFilter,
} from '@llm/core';
import type { UsageTracker } from '../ledger/usage-tracker';
import {
  createCurrencyConverter,
  DEFAULT_CURRENCY,
  type CurrencyConverter,
} from '../money/currency-converter';
import { Decimal } from '../money/decimal';
import { DAY_MS, dayStart, monthStart, nextMonthStart } from '../ledger/utc-time';

export interface BudgetCheckTarget extends BudgetTarget {
  /** The estimated cost of the call about to be made: a block budget also refuses a call that would cross its limit. */
  estimatedCost?: { amount: string | number; currency: string };
}

/** Where a budget stands in its current period. */
export interface BudgetStatus {
  name: string;
  budget: BudgetConfig;
  scope: string;
  period: BudgetConfig['period'];
  /** `YYYY-MM-DD` or `YYYY-MM` (UTC). */
  periodLabel: string;
  periodStart: number;
  resetsAt: number;
  /** Exact decimals in `currency`. */
  spent: string;
  limit: string;
  currency: string;
  exceeded: boolean;
}

export interface BudgetGuardEvents {
  /** A `warn` budget is used up (emitted once per budget and period). */
  warn: [status: BudgetStatus];
}

/** A budget as written in config: `scope` defaults to `all`, `action` to `warn`. */
export type BudgetConfigInput = Omit<BudgetConfig, 'scope' | 'action'> &
  Partial<Pick<BudgetConfig, 'scope' | 'action'>>;

export interface BudgetGuardOptions {
  budgets: readonly BudgetConfigInput[];
  tracker: Pick<UsageTracker, 'getCostByCurrency'>;
  clock?: Clock;
  /** Currency of limits that name none (default USD). */
  displayCurrency?: string;
  exchangeRates?: Readonly<Record<string, number>>;
}

interface PreparedBudget {
  name: string;
  budget: BudgetConfig;
  scope: BudgetScope;
  currency: string;
  limit: Decimal;
}

/** The cost controller: limits per day or month per scope, checked before each call. */
export class BudgetGuard extends EventEmitter<BudgetGuardEvents> {
  private readonly budgets: PreparedBudget[];
  private readonly clock: Clock;
  private readonly converter: CurrencyConverter;
  private readonly warned = new Set<string>();

  constructor(private readonly options: BudgetGuardOptions) {
    super();
    this.clock = options.clock ?? systemClock;
    this.converter = createCurrencyConverter(options);
    const fallbackCurrency = options.displayCurrency ?? DEFAULT_CURRENCY;
    this.budgets = options.budgets.map((input) => {
      const budget = BudgetConfigSchema.parse(input);
      const scope = budgetScope(budget);
      const name = budget.name ?? `${budget.period} budget for ${scope.description}`;
      return {
        name,
        budget,
        scope,
        currency: (budget.currency ?? fallbackCurrency).toUpperCase(),
        limit: Decimal.from(budget.limit),
      };
    });
  }

  /**
   * Resolves when the call may go ahead. Rejects with an LLMError (type `rate_limit`, not retryable,
   * `details.reason = "budget_exceeded"`) when a `block` budget is used up; emits `warn` for `warn` budgets.
   */
  async check(target: BudgetCheckTarget): Promise<void> {
    for (const prepared of this.budgets) {
      if (!prepared.scope.applies(target)) continue;
      const status = await this.statusOf(prepared);
      const estimate = target.estimatedCost
        ? this.converter.convert(
            Decimal.from(target.estimatedCost.amount),
            target.estimatedCost.currency,
            prepared.currency,
          )
        : Decimal.ZERO;
      const wouldExceed =
        !estimate.isZero() && Decimal.from(status.spent).plus(estimate).compare(prepared.limit) > 0;
      if (prepared.budget.action === 'block' && (status.exceeded || wouldExceed))
        throw budgetExceededError(
          status,
          target,
          wouldExceed && !status.exceeded ? estimate : undefined,
        );
      if (prepared.budget.action === 'warn' && status.exceeded) this.warnOnce(status);
    }
  }

  /** Every budget's current standing (for `llm usage budgets` and dashboards). */
  async status(): Promise<BudgetStatus[]> {
    return Promise.all(this.budgets.map((prepared) => this.statusOf(prepared)));
  }

  private async statusOf(prepared: PreparedBudget): Promise<BudgetStatus> {
    const window = budgetWindow(prepared.budget.period, this.clock.now());
    const { costs } = await this.options.tracker.getCostByCurrency({
      ...prepared.scope.filter,
      time_range: { start: window.start, end: window.end },
    });
    let spent = Decimal.ZERO;
    for (const [currency, amount] of Object.entries(costs))
      spent = spent.plus(this.converter.convert(Decimal.from(amount), currency, prepared.currency));
    return {
      name: prepared.name,
      budget: prepared.budget,
      scope: prepared.scope.description,
      period: prepared.budget.period,
      periodLabel: window.label,
      periodStart: window.start,
      resetsAt: window.end,
      spent: spent.toString(),
      limit: prepared.limit.toString(),
      currency: prepared.currency,
      exceeded: spent.compare(prepared.limit) >= 0,
    };
  }

  private warnOnce(status: BudgetStatus): void {
    const key = `${status.name}\u0000${status.periodStart}`;
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.emit('warn', status);
  }
}

function budgetExceededError(
  status: BudgetStatus,
  target: BudgetCheckTarget,
  estimate: Decimal | undefined,
): LLMError {
  const period =
    status.period === 'day' ? `day ${status.periodLabel}` : `month ${status.periodLabel}`;
  const reason = estimate
    ? `spent ${status.spent} ${status.currency} of ${status.limit} ${status.currency} in the ${period} (UTC), and this call's estimated ${estimate.toString()} ${status.currency} would cross the limit`
    : `spent ${status.spent} ${status.currency} of ${status.limit} ${status.currency} in the ${period} (UTC)`;
  return new LLMError({
    type: 'rate_limit',
    retryable: false,
    providerName: target.provider,
    model: target.model,
    message: `Budget "${status.name}" is used up: ${reason}. The call was not sent; the budget resets at ${new Date(status.resetsAt).toISOString()}.`,
    details: {
      reason: 'budget_exceeded',
      budget: status.name,
      scope: status.scope,
      spent: status.spent,
      limit: status.limit,
      currency: status.currency,
      period: status.period,
      period_label: status.periodLabel,
      resets_at: status.resetsAt,
      ...(estimate && { estimated_cost: estimate.toString() }),
    },
  });
}

export function createBudgetGuard(options: BudgetGuardOptions): BudgetGuard {
  return new BudgetGuard(options);
}

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
    throw new LLMError({
      type: 'invalid_request',
      retryable: false,
      message: `A budget with scope "${budget.scope}" needs "match" (the ${budget.scope === 'tag' ? 'tag as key=value' : budget.scope} it limits)`,
    });
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
    throw new LLMError({
      type: 'invalid_request',
      retryable: false,
      message: `A budget with scope "tag" needs match = "key=value", got "${match}"`,
    });
  const key = match.slice(0, separator);
  const value = match.slice(separator + 1);
  return {
    filter: { tags: { [key]: value } },
    applies: (target) => target.tags?.[key] === value,
    description: `tag ${key}=${value}`,
  };
}

export interface BudgetWindow {
  /** Epoch ms, inclusive. */
  start: number;
  /** Epoch ms when the budget resets (exclusive end). */
  end: number;
  /** `YYYY-MM-DD` or `YYYY-MM`. */
  label: string;
}

/** The UTC day or month holding `now` (budget periods follow the ledger's UTC days). */
export function budgetWindow(period: BudgetConfig['period'], now: number): BudgetWindow {
  if (period === 'day') {
    const start = dayStart(now);
    return { start, end: start + DAY_MS, label: new Date(start).toISOString().slice(0, 10) };
  }
  const start = monthStart(now);
  return { start, end: nextMonthStart(now), label: new Date(start).toISOString().slice(0, 7) };
}
