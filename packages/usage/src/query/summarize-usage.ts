// Usage summaries: filtering records, grouping them (model, provider, day, hour, tag) and totalling each group.
import type { UsageFilter, UsageGroupBy, UsageRecord, UsageSummary } from '@llm/core';
import { type UsageBucket, UsageTotals } from '../ledger/usage-rollups';
import { HOUR_MS, hourStart, dayKey, hourKey } from '../ledger/utc-time';
import type { UsageStore } from '../store/usage-store';
import type { CurrencyConverter } from '../money/currency-converter';
import { Decimal } from '../money/decimal';

/**
 * Groups the records matching `filter`. Whole hours come from the store's hourly rollups; only the
 * partial hours at the edges of the time range are read record by record. A filter on more than
 * one tag (or on one tag while grouping by another) cannot use rollups and reads the records.
 */
export async function summarizeUsage(
  store: UsageStore,
  filter: UsageFilter = {},
  /** Records the store does not hold (yet): those a tracker keeps in memory while its disk fails. */
  unwritten: readonly UsageRecord[] = [],
): Promise<UsageGroup[]> {
  const groupBy: UsageGroupBy = filter.group_by ?? 'model';
  const groupTag = groupingTagKey(groupBy);
  const tagKeys = new Set([
    ...Object.keys(filter.tags ?? {}),
    ...(groupTag === undefined ? [] : [groupTag]),
  ]);
  const rollupTag = tagKeys.size === 1 ? [...tagKeys][0] : undefined;
  const groups = new Map<string, UsageGroup>();

  const add = (facts: GroupingFacts, source: UsageBucket | UsageRecord) => {
    const key = groupKeyOf(groupBy, facts);
    let group = groups.get(key);
    if (!group) {
      group = new UsageGroup(key);
      groups.set(key, group);
    }
    group.note(facts.provider, facts.model);
    if ('model_name' in source) group.totals.addRecord(source);
    else group.totals.addTotals(source);
  };
  const readRecords = (start: number | undefined, end: number | undefined) =>
    store.forEachRecord({ start, end }, (record) => {
      if (inTimeRange(record.timestamp, start, end) && recordMatchesFilter(record, filter))
        add(factsOfRecord(record, groupTag), record);
    });

  const { start, end } = filter.time_range ?? {};
  const wholeStart = start === undefined ? undefined : hourStart(start + HOUR_MS - 1);
  const wholeEnd = end === undefined ? undefined : hourStart(end);
  if (
    tagKeys.size > 1 ||
    (wholeStart !== undefined && wholeEnd !== undefined && wholeStart >= wholeEnd)
  ) {
    await readRecords(start, end);
  } else {
    await store.forEachBucket(
      { startHour: wholeStart, endHour: wholeEnd, tagKey: rollupTag },
      (bucket) => {
        if (bucketMatches(bucket, filter, rollupTag)) add(factsOfBucket(bucket), bucket);
      },
    );
    if (start !== undefined && wholeStart !== undefined && start < wholeStart)
      await readRecords(start, wholeStart);
    if (end !== undefined && wholeEnd !== undefined && wholeEnd < end)
      await readRecords(wholeEnd, end);
  }
  for (const record of unwritten)
    if (inTimeRange(record.timestamp, start, end) && recordMatchesFilter(record, filter))
      add(factsOfRecord(record, groupTag), record);
  return [...groups.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function bucketMatches(
  bucket: UsageBucket,
  filter: UsageFilter,
  rollupTag: string | undefined,
): boolean {
  if (filter.provider_name !== undefined && bucket.provider !== filter.provider_name) return false;
  if (filter.model_name !== undefined && bucket.model !== filter.model_name) return false;
  if (filter.success !== undefined && bucket.success !== filter.success) return false;
  const wanted = rollupTag === undefined ? undefined : filter.tags?.[rollupTag];
  return wanted === undefined || bucket.tagValue === wanted;
}

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
    return convertedSum(this.totals.costs, currency, converter);
  }

  /** What the group's cache hits saved, exactly, in `currency`. */
  savedCostIn(currency: string, converter: CurrencyConverter): Decimal {
    return convertedSum(this.totals.savedCosts, currency, converter);
  }

  toSummary(converter: CurrencyConverter, currency?: string): UsageSummary {
    const totals = this.totals;
    const reportCurrency = currency ?? converter.currencyFor(totals.costs.keys());
    const cost = this.costIn(reportCurrency, converter);
    const failedCost = convertedSum(totals.failedAttemptCosts, reportCurrency, converter);
    const saved =
      totals.cacheHits > 0
        ? (() => {
            const amount = this.savedCostIn(reportCurrency, converter);
            return {
              cache_hits: totals.cacheHits,
              total_saved_tokens: totals.savedTokens,
              total_saved_cost: amount.toNumber(),
              total_saved_cost_decimal: amount.toString(),
            };
          })()
        : {};
    return {
      model_name: this.models.size === 1 ? [...this.models][0]! : ALL,
      provider_name: this.providers.size === 1 ? [...this.providers][0]! : ALL,
      group: this.key,
      total_requests: totals.requests,
      successful_requests: totals.successful,
      failed_requests: totals.failed,
      aborted_requests: totals.aborted,
      blocked_requests: totals.blocked,
      rejected_requests: totals.rejected,
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
      total_attempts: totals.attempts,
      failed_attempts: totals.failedAttempts,
      failed_attempts_cost: failedCost.toNumber(),
      failed_attempts_cost_decimal: failedCost.toString(),
      average_response_time: totals.requests === 0 ? 0 : totals.responseTimeSum / totals.requests,
      first_request_time: totals.attempts === 0 ? 0 : totals.first,
      last_request_time: totals.attempts === 0 ? 0 : totals.last,
      ...saved,
    };
  }
}

function convertedSum(
  sums: ReadonlyMap<string, { value(): Decimal }>,
  currency: string,
  converter: CurrencyConverter,
): Decimal {
  let total = Decimal.ZERO;
  for (const [from, sum] of sums)
    total = total.plus(converter.convert(sum.value(), from, currency));
  return total;
}

/** The group of records without the tag a summary is grouped by. */
export const UNTAGGED_GROUP = '(untagged)';

/** What a record or a bucket contributes to grouping. */
export interface GroupingFacts {
  hour: number;
  provider: string;
  model: string;
  tagValue: string | null | undefined;
}

export function factsOfBucket(bucket: UsageBucket): GroupingFacts {
  return {
    hour: bucket.hour,
    provider: bucket.provider,
    model: bucket.model,
    tagValue: bucket.tagValue,
  };
}

export function factsOfRecord(record: UsageRecord, tagKey: string | undefined): GroupingFacts {
  return {
    hour: record.timestamp,
    provider: record.provider_name,
    model: record.model_name,
    tagValue: tagKey === undefined ? undefined : (record.tags?.[tagKey] ?? null),
  };
}

/** The tag key of a `tag:<key>` grouping. */
export function groupingTagKey(groupBy: UsageGroupBy): string | undefined {
  return groupBy.startsWith('tag:') ? groupBy.slice('tag:'.length) : undefined;
}

/** The group key (also the summary's `group`) of a record or bucket. */
export function groupKeyOf(groupBy: UsageGroupBy, facts: GroupingFacts): string {
  switch (groupBy) {
    case 'model':
      return `${facts.provider}/${facts.model}`;
    case 'provider':
      return facts.provider;
    case 'day':
      return dayKey(facts.hour);
    case 'hour':
      return hourKey(facts.hour);
    case 'none':
      return 'all';
    default:
      return facts.tagValue ?? UNTAGGED_GROUP;
  }
}

/** Whether a record passes every condition of a filter except the time range. */
export function recordMatchesFilter(record: UsageRecord, filter: UsageFilter): boolean {
  if (filter.provider_name !== undefined && record.provider_name !== filter.provider_name)
    return false;
  if (filter.model_name !== undefined && record.model_name !== filter.model_name) return false;
  if (filter.success !== undefined && record.success !== filter.success) return false;
  if (filter.tags) {
    for (const [key, value] of Object.entries(filter.tags))
      if (record.tags?.[key] !== value) return false;
  }
  return true;
}

export function inTimeRange(
  timestamp: number,
  start: number | undefined,
  end: number | undefined,
): boolean {
  return (start === undefined || timestamp >= start) && (end === undefined || timestamp < end);
}
