import type { UsageGroupBy, UsageRecord } from '@llm/core';
import type { UsageBucket } from '../ledger/usage-bucket';
import { dayKey, hourKey } from '../ledger/utc-time';

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
