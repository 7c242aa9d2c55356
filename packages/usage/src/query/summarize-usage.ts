import type { UsageFilter, UsageGroupBy, UsageRecord } from '@llm/core';
import type { UsageBucket } from '../ledger/usage-bucket';
import { HOUR_MS, hourStart } from '../ledger/utc-time';
import type { UsageStore } from '../store/usage-store';
import { inTimeRange, recordMatchesFilter } from './record-matches-filter';
import { UsageGroup } from './usage-group';
import {
  factsOfBucket,
  factsOfRecord,
  groupKeyOf,
  groupingTagKey,
  type GroupingFacts,
} from './usage-grouping';

/**
 * Groups the records matching `filter`. Whole hours come from the store's hourly rollups; only the
 * partial hours at the edges of the time range are read record by record. A filter on more than
 * one tag (or on one tag while grouping by another) cannot use rollups and reads the records.
 */
export async function summarizeUsage(
  store: UsageStore,
  filter: UsageFilter = {},
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
