import type { UsageRecord } from '@llm/core';
import { Decimal } from '../money/decimal';
import { DecimalSum } from '../money/decimal-sum';
import { DEFAULT_CURRENCY } from '../money/currency-converter';

/** Serialized totals: counts, then `{ currency: exact decimal }`. */
export type UsageTotalsJson = [
  requests: number,
  successful: number,
  prompt: number,
  completion: number,
  total: number,
  cached: number,
  cacheWrite: number,
  reasoning: number,
  unpriced: number,
  responseTime: number,
  first: number,
  last: number,
  costs: Record<string, string>,
];

/** The numeric fields of UsageTotals in the order of UsageTotalsJson (costs follow them). */
const SERIALIZED_NUMBERS = [
  'requests',
  'successful',
  'promptTokens',
  'completionTokens',
  'totalTokens',
  'cachedTokens',
  'cacheWriteTokens',
  'reasoningTokens',
  'unpriced',
  'responseTimeSum',
  'first',
  'last',
] as const;

/** Running aggregates over a set of usage records; costs are summed exactly, per currency. */
export class UsageTotals {
  requests = 0;
  successful = 0;
  promptTokens = 0;
  completionTokens = 0;
  totalTokens = 0;
  cachedTokens = 0;
  cacheWriteTokens = 0;
  reasoningTokens = 0;
  unpriced = 0;
  responseTimeSum = 0;
  first = Number.POSITIVE_INFINITY;
  last = Number.NEGATIVE_INFINITY;
  readonly costs = new Map<string, DecimalSum>();

  get failed(): number {
    return this.requests - this.successful;
  }

  addRecord(record: UsageRecord): void {
    this.requests += 1;
    if (record.success) this.successful += 1;
    this.promptTokens += record.prompt_tokens;
    this.completionTokens += record.completion_tokens;
    this.totalTokens += record.total_tokens;
    this.cachedTokens += record.cached_tokens ?? 0;
    this.cacheWriteTokens += record.cache_write_tokens ?? 0;
    this.reasoningTokens += record.reasoning_tokens ?? 0;
    if (record.pricing_missing) this.unpriced += 1;
    this.responseTimeSum += record.response_time;
    if (record.timestamp < this.first) this.first = record.timestamp;
    if (record.timestamp > this.last) this.last = record.timestamp;
    if (record.cost_decimal !== undefined)
      this.costIn(record.currency ?? DEFAULT_CURRENCY).addText(record.cost_decimal);
    else if (record.cost !== undefined)
      this.costIn(record.currency ?? DEFAULT_CURRENCY).add(Decimal.from(record.cost));
  }

  addTotals(other: UsageTotals): void {
    this.requests += other.requests;
    this.successful += other.successful;
    this.promptTokens += other.promptTokens;
    this.completionTokens += other.completionTokens;
    this.totalTokens += other.totalTokens;
    this.cachedTokens += other.cachedTokens;
    this.cacheWriteTokens += other.cacheWriteTokens;
    this.reasoningTokens += other.reasoningTokens;
    this.unpriced += other.unpriced;
    this.responseTimeSum += other.responseTimeSum;
    if (other.first < this.first) this.first = other.first;
    if (other.last > this.last) this.last = other.last;
    for (const [currency, sum] of other.costs) this.costIn(currency).addSum(sum);
  }

  private costIn(currency: string): DecimalSum {
    let sum = this.costs.get(currency);
    if (!sum) {
      sum = new DecimalSum();
      this.costs.set(currency, sum);
    }
    return sum;
  }

  toJSON(): UsageTotalsJson {
    const costs: Record<string, string> = {};
    for (const [currency, sum] of this.costs) costs[currency] = sum.value().toString();
    return [...SERIALIZED_NUMBERS.map((field) => this[field]), costs] as UsageTotalsJson;
  }

  loadJSON(json: UsageTotalsJson): this {
    SERIALIZED_NUMBERS.forEach((field, index) => {
      this[field] = json[index] as number;
    });
    for (const [currency, amount] of Object.entries(json[SERIALIZED_NUMBERS.length]))
      this.costIn(currency).addText(amount);
    return this;
  }
}
