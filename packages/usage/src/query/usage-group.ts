import type { UsageSummary } from '@llm/core';
import type { CurrencyConverter } from '../money/currency-converter';
import { Decimal } from '../money/decimal';
import { UsageTotals } from '../ledger/usage-totals';

const ALL = '*';

/** Totals of one summary group, and which providers and models it spans (to name them when single). */
export class UsageGroup {
  readonly totals = new UsageTotals();
  private readonly providers = new Set<string>();
  private readonly models = new Set<string>();

  constructor(readonly key: string) {}

  note(provider: string, model: string): void {
    if (this.providers.size < 2) this.providers.add(provider);
    if (this.models.size < 2) this.models.add(model);
  }

  /** The exact total cost in `currency` (the group's costs converted from their own currencies). */
  costIn(currency: string, converter: CurrencyConverter): Decimal {
    let total = Decimal.ZERO;
    for (const [from, sum] of this.totals.costs)
      total = total.plus(converter.convert(sum.value(), from, currency));
    return total;
  }

  toSummary(converter: CurrencyConverter, currency?: string): UsageSummary {
    const totals = this.totals;
    const reportCurrency = currency ?? converter.currencyFor(totals.costs.keys());
    const cost = this.costIn(reportCurrency, converter);
    return {
      model_name: this.models.size === 1 ? [...this.models][0]! : ALL,
      provider_name: this.providers.size === 1 ? [...this.providers][0]! : ALL,
      group: this.key,
      total_requests: totals.requests,
      successful_requests: totals.successful,
      failed_requests: totals.failed,
      total_prompt_tokens: totals.promptTokens,
      total_completion_tokens: totals.completionTokens,
      total_tokens: totals.totalTokens,
      total_cached_tokens: totals.cachedTokens,
      total_cache_write_tokens: totals.cacheWriteTokens,
      total_reasoning_tokens: totals.reasoningTokens,
      total_cost: cost.toNumber(),
      total_cost_decimal: cost.toString(),
      currency: reportCurrency,
      unpriced_requests: totals.unpriced,
      average_response_time: totals.requests === 0 ? 0 : totals.responseTimeSum / totals.requests,
      first_request_time: totals.requests === 0 ? 0 : totals.first,
      last_request_time: totals.requests === 0 ? 0 : totals.last,
    };
  }
}
