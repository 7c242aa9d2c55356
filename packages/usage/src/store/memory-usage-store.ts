import { EventEmitter } from 'node:events';
import type { TimeRange, UsageRecord } from '@llm/core';
import { SegmentIndex, type UsageBucket } from '../ledger/usage-rollups';
import { DAY_MS, dayKey, parseDayKey } from '../ledger/utc-time';
import type {
  BucketQuery,
  CleanupOptions,
  CleanupResult,
  UsageStore,
  UsageStoreEvents,
} from './usage-store';

interface MemoryDay {
  records: UsageRecord[];
  index: SegmentIndex;
}

/** Keeps records in memory (tests, short-lived processes); memory grows with the number of records. */
export class MemoryUsageStore extends EventEmitter<UsageStoreEvents> implements UsageStore {
  readonly kind = 'memory';
  private readonly days = new Map<string, MemoryDay>();
  private count = 0;

  get recordCount(): number {
    return this.count;
  }

  async append(records: readonly UsageRecord[]): Promise<void> {
    this.appendSync(records);
  }

  appendSync(records: readonly UsageRecord[]): void {
    for (const record of records) {
      const key = dayKey(record.timestamp);
      let day = this.days.get(key);
      if (!day) {
        day = { records: [], index: new SegmentIndex() };
        this.days.set(key, day);
      }
      day.records.push(record);
      day.index.add(record);
    }
    this.count += records.length;
  }

  async forEachBucket(query: BucketQuery, visit: (bucket: UsageBucket) => void): Promise<void> {
    for (const day of this.daysIn(query.startHour, query.endHour)) {
      const buckets = query.tagKey ? this.tagBuckets(day, query.tagKey) : day.index.buckets;
      for (const bucket of buckets.values()) {
        if (
          (query.startHour === undefined || bucket.hour >= query.startHour) &&
          (query.endHour === undefined || bucket.hour < query.endHour)
        )
          visit(bucket);
      }
    }
  }

  async forEachRecord(range: TimeRange, visit: (record: UsageRecord) => void): Promise<void> {
    for (const day of this.daysIn(range.start, range.end)) {
      for (const record of day.records) {
        if (
          (range.start === undefined || record.timestamp >= range.start) &&
          (range.end === undefined || record.timestamp < range.end)
        )
          visit(record);
      }
    }
  }

  async cleanup(options: CleanupOptions): Promise<CleanupResult> {
    const cutoff = parseDayKey(dayKey(options.now)) - options.retentionDays * DAY_MS;
    const result: CleanupResult = { deletedRecords: 0, deletedSegments: 0, archivedSegments: 0 };
    for (const [key, day] of this.days) {
      if (parseDayKey(key) >= cutoff) continue;
      this.days.delete(key);
      result.deletedRecords += day.records.length;
      result.deletedSegments += 1;
      this.count -= day.records.length;
    }
    return result;
  }

  async close(): Promise<void> {}

  private *daysIn(start: number | undefined, end: number | undefined): Generator<MemoryDay> {
    for (const [key, day] of this.days) {
      const from = parseDayKey(key);
      if ((start === undefined || from + DAY_MS > start) && (end === undefined || from < end))
        yield day;
    }
  }

  /** Builds a tag's rollups for a day the first time that tag is asked for. */
  private tagBuckets(day: MemoryDay, tagKey: string): Map<string, UsageBucket> {
    if (!day.index.hasTag(tagKey)) {
      const index = new SegmentIndex([...day.index.tagKeys(), tagKey]);
      for (const record of day.records) index.add(record);
      day.index = index;
    }
    return day.index.tagBucketsFor(tagKey)!;
  }
}
