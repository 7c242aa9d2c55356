import { EventEmitter } from 'node:events';
import {
  BudgetConfigSchema,
  LLMError,
  systemClock,
  type BudgetConfig,
  type Clock,
  type UsageFilter,
} from '@llm/core';
import {
  createCurrencyConverter,
  DEFAULT_CURRENCY,
  type CurrencyConverter,
} from '../money/currency-converter';
import { Decimal } from '../money/decimal';
import { DAY_MS, dayStart, monthStart, nextMonthStart } from '../ledger/utc-time';

export interface BudgetCheckTarget extends BudgetTarget {
  /**
   * The most the call about to be made can cost (its prompt estimate plus its output limit, at its
   * price): a block budget refuses a call whose reservation would cross its limit.
   */
  estimatedCost?: { amount: string | number; currency: string };
  /** The call's model has no known price, so its cost cannot be reserved (a block budget refuses it). */
  unpriced?: boolean;
}

/**
 * The cost a call holds against the block budgets that apply to it while it runs. Release it once
 * the call's record (with its real cost) is in the ledger; releasing twice does nothing.
 */
export interface BudgetReservation {
  release(): void;
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
  /** Exact decimals in `currency`: what the ledger holds for the period. */
  spent: string;
  /** Held by calls in flight (block budgets only), not yet in `spent`. */
  reserved: string;
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

/** What a budget guard reads its spending from (a UsageTracker). */
export interface BudgetSpendingSource {
  getCostByCurrency(
    filter: UsageFilter,
    options?: { unreadableLedger?: 'throw' | 'memory' },
  ): Promise<{ costs: Record<string, string> }>;
}

export interface BudgetGuardOptions {
  budgets: readonly BudgetConfigInput[];
  tracker: BudgetSpendingSource;
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
  /** The sum of the reservations of calls in flight, in `currency`. */
  reserved: Decimal;
}

const RELEASED: BudgetReservation = { release: () => undefined };

/**
 * The cost controller: limits per day or month per scope. Before a call, `reserve` holds the most
 * the call can cost against every block budget that applies; a call whose reservation would cross
 * a limit is refused. Reservations are taken one at a time (the ledger read and the decision form
 * one step), so concurrent calls never all pass on the same remaining budget.
 */
export class BudgetGuard extends EventEmitter<BudgetGuardEvents> {
  private readonly budgets: PreparedBudget[];
  private readonly clock: Clock;
  private readonly converter: CurrencyConverter;
  private readonly warned = new Set<string>();
  private queue: Promise<unknown> = Promise.resolve();

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
        reserved: Decimal.ZERO,
      };
    });
  }

  /** Whether any block budget applies to a call (only then is its cost worth estimating). */
  blocks(target: BudgetTarget): boolean {
    return this.budgets.some(
      (prepared) => prepared.budget.action === 'block' && prepared.scope.applies(target),
    );
  }

  /**
   * Resolves with the call's reservation when it may go ahead. Rejects with an LLMError (type
   * `rate_limit`, code `budget_exceeded`, not retryable) when a block budget is used up or the call's
   * estimated cost would cross its limit, and with code `budget_unpriced` when a block budget applies
   * to a model without a known price. Emits `warn` for used-up `warn` budgets.
   */
  reserve(target: BudgetCheckTarget): Promise<BudgetReservation> {
    return this.exclusively(() => this.decide(target));
  }

  /** Like `reserve`, for a call that holds nothing while it runs. */
  async check(target: BudgetCheckTarget): Promise<void> {
    (await this.reserve(target)).release();
  }

  /** Every budget's current standing (for `llm usage budgets` and dashboards). */
  async status(): Promise<BudgetStatus[]> {
    return Promise.all(this.budgets.map((prepared) => this.statusOf(prepared)));
  }

  private async decide(target: BudgetCheckTarget): Promise<BudgetReservation> {
    const holds: [PreparedBudget, Decimal][] = [];
    for (const prepared of this.budgets) {
      if (!prepared.scope.applies(target)) continue;
      const status = await this.statusOf(prepared);
      if (prepared.budget.action === 'warn') {
        if (status.exceeded) this.warnOnce(status);
        continue;
      }
      if (target.unpriced) throw budgetUnpricedError(status, target);
      const estimate = target.estimatedCost
        ? this.converter.convert(
            Decimal.from(target.estimatedCost.amount),
            target.estimatedCost.currency,
            prepared.currency,
          )
        : Decimal.ZERO;
      const committed = Decimal.from(status.spent).plus(prepared.reserved);
      const wouldExceed =
        !estimate.isZero() && committed.plus(estimate).compare(prepared.limit) > 0;
      if (status.exceeded || committed.compare(prepared.limit) >= 0 || wouldExceed)
        throw budgetExceededError(status, target, status.exceeded ? undefined : estimate);
      holds.push([prepared, estimate]);
    }
    if (holds.length === 0) return RELEASED;
    for (const [prepared, amount] of holds) prepared.reserved = prepared.reserved.plus(amount);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        // In turn with reservations: one that read the ledger before this call's record arrived
        // still counts this call's reservation.
        void this.exclusively(async () => {
          for (const [prepared, amount] of holds)
            prepared.reserved = prepared.reserved.minus(amount);
        });
      },
    };
  }

  private exclusively<T>(step: () => Promise<T>): Promise<T> {
    const result = this.queue.then(step);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async statusOf(prepared: PreparedBudget): Promise<BudgetStatus> {
    const window = budgetWindow(prepared.budget.period, this.clock.now());
    // A ledger that cannot be read never fails a call: the tracker then counts what it holds in memory.
    const { costs } = await this.options.tracker.getCostByCurrency(
      { ...prepared.scope.filter, time_range: { start: window.start, end: window.end } },
      { unreadableLedger: 'memory' },
    );
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
      reserved: prepared.reserved.toString(),
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

/** The LLMError code of a call a block budget refused because it would cross or is over the limit. */
export const BUDGET_EXCEEDED = 'budget_exceeded';
/** The LLMError code of a call a block budget refused because its model has no known price. */
export const BUDGET_UNPRICED = 'budget_unpriced';

function budgetDetails(status: BudgetStatus): Record<string, unknown> {
  return {
    budget: status.name,
    scope: status.scope,
    spent: status.spent,
    reserved: status.reserved,
    limit: status.limit,
    currency: status.currency,
    period: status.period,
    period_label: status.periodLabel,
    resets_at: status.resetsAt,
    resets_at_iso: new Date(status.resetsAt).toISOString(),
  };
}

function periodText(status: BudgetStatus): string {
  return status.period === 'day' ? `day ${status.periodLabel}` : `month ${status.periodLabel}`;
}

function budgetExceededError(
  status: BudgetStatus,
  target: BudgetCheckTarget,
  estimate: Decimal | undefined,
): LLMError {
  const { currency } = status;
  const inFlight = Decimal.from(status.reserved).isZero()
    ? ''
    : ` (and ${status.reserved} ${currency} reserved by calls in flight)`;
  const used = `spent ${status.spent} ${currency}${inFlight} of ${status.limit} ${currency} in the ${periodText(status)} (UTC)`;
  const reason =
    estimate && !estimate.isZero()
      ? `${used}, and this call's estimated ${estimate.toString()} ${currency} would cross the limit`
      : used;
  const verdict = estimate && !estimate.isZero() ? 'would be crossed' : 'is used up';
  return new LLMError({
    type: 'rate_limit',
    code: BUDGET_EXCEEDED,
    retryable: false,
    providerName: target.provider,
    model: target.model,
    message: `Budget "${status.name}" ${verdict}: ${reason}. The call was not sent; the budget resets at ${new Date(status.resetsAt).toISOString()}.`,
    details: {
      reason: BUDGET_EXCEEDED,
      ...budgetDetails(status),
      ...(estimate && !estimate.isZero() && { estimated_cost: estimate.toString() }),
    },
  });
}

function budgetUnpricedError(status: BudgetStatus, target: BudgetCheckTarget): LLMError {
  return new LLMError({
    type: 'rate_limit',
    code: BUDGET_UNPRICED,
    retryable: false,
    providerName: target.provider,
    model: target.model,
    message:
      `Budget "${status.name}" blocks calls it cannot cost: no price is known for model "${target.model}" of provider "${target.provider}", ` +
      `so the call was not sent. Give the model a price (a [llm.prices] entry or its pricing table; 0 for a free local model).`,
    details: { reason: BUDGET_UNPRICED, ...budgetDetails(status) },
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
