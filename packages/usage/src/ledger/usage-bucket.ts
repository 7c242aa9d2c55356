import type { UsageRecord } from '@llm/core';
import { hourStart } from './utc-time';
import { UsageTotals, type UsageTotalsJson } from './usage-totals';

/** Serialized bucket: identity, then totals. */
export type UsageBucketJson = [
  hour: number,
  provider: string,
  model: string,
  success: boolean,
  tagValue: string | null,
  totals: UsageTotalsJson,
];

/**
 * Totals of the records of one UTC hour, provider, model and outcome (and, in a tag index, one
 * value of the tag). Summaries merge buckets instead of rescanning records.
 */
export class UsageBucket extends UsageTotals {
  constructor(
    readonly hour: number,
    readonly provider: string,
    readonly model: string,
    readonly success: boolean,
    /** The tag's value in a tag index; null for records without the tag; undefined in the base index. */
    readonly tagValue?: string | null,
  ) {
    super();
  }

  static keyOf(record: UsageRecord, tagValue?: string | null): string {
    const base = `${hourStart(record.timestamp)}\u0000${record.provider_name}\u0000${record.model_name}\u0000${record.success ? 1 : 0}`;
    return tagValue === undefined ? base : `${base}\u0000${tagValue ?? '\u0001'}`;
  }

  static forRecord(record: UsageRecord, tagValue?: string | null): UsageBucket {
    return new UsageBucket(
      hourStart(record.timestamp),
      record.provider_name,
      record.model_name,
      record.success,
      tagValue,
    );
  }

  static fromJSON(json: UsageBucketJson): UsageBucket {
    return new UsageBucket(json[0], json[1], json[2], json[3], json[4]).loadJSON(json[5]);
  }

  key(): string {
    const base = `${this.hour}\u0000${this.provider}\u0000${this.model}\u0000${this.success ? 1 : 0}`;
    return this.tagValue === undefined ? base : `${base}\u0000${this.tagValue ?? '\u0001'}`;
  }

  bucketJSON(): UsageBucketJson {
    return [
      this.hour,
      this.provider,
      this.model,
      this.success,
      this.tagValue ?? null,
      this.toJSON(),
    ];
  }
}
