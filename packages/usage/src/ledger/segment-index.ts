import type { UsageRecord } from '@llm/core';
import { UsageBucket, type UsageBucketJson } from './usage-bucket';

export interface SegmentIndexJson {
  version: 1;
  /** Bytes of the segment file the index covers (JSONL store). */
  bytes: number;
  records: number;
  buckets: UsageBucketJson[];
  tags: Record<string, UsageBucketJson[]>;
}

/**
 * Hourly rollups of one segment (one day of one writer), plus rollups per value of each indexed
 * tag. Saved tag rollups are only parsed when a query asks for that tag.
 */
export class SegmentIndex {
  bytes = 0;
  records = 0;
  readonly buckets = new Map<string, UsageBucket>();
  private readonly tagBuckets = new Map<string, Map<string, UsageBucket>>();
  private readonly savedTags = new Map<string, UsageBucketJson[]>();

  constructor(tagKeys: Iterable<string> = []) {
    for (const key of tagKeys) this.tagBuckets.set(key, new Map());
  }

  add(record: UsageRecord): void {
    if (this.savedTags.size > 0)
      for (const key of [...this.savedTags.keys()]) this.tagBucketsFor(key);
    this.records += 1;
    addTo(this.buckets, record, undefined);
    for (const [tagKey, buckets] of this.tagBuckets)
      addTo(buckets, record, record.tags?.[tagKey] ?? null);
  }

  hasTag(tagKey: string): boolean {
    return this.tagBuckets.has(tagKey) || this.savedTags.has(tagKey);
  }

  tagKeys(): string[] {
    return [...this.tagBuckets.keys(), ...this.savedTags.keys()];
  }

  /** The rollups per value of `tagKey` (records without the tag under a null value), if indexed. */
  tagBucketsFor(tagKey: string): Map<string, UsageBucket> | undefined {
    const saved = this.savedTags.get(tagKey);
    if (saved) {
      const buckets = new Map<string, UsageBucket>();
      for (const item of saved) insert(buckets, UsageBucket.fromJSON(item));
      this.tagBuckets.set(tagKey, buckets);
      this.savedTags.delete(tagKey);
    }
    return this.tagBuckets.get(tagKey);
  }

  toJSON(): SegmentIndexJson {
    const tags: Record<string, UsageBucketJson[]> = Object.fromEntries(this.savedTags);
    for (const [tagKey, buckets] of this.tagBuckets)
      tags[tagKey] = [...buckets.values()].map((bucket) => bucket.bucketJSON());
    return {
      version: 1,
      bytes: this.bytes,
      records: this.records,
      buckets: [...this.buckets.values()].map((bucket) => bucket.bucketJSON()),
      tags,
    };
  }

  static fromJSON(json: SegmentIndexJson): SegmentIndex {
    if (json.version !== 1)
      throw new Error(`Unsupported segment index version ${String(json.version)}`);
    const index = new SegmentIndex();
    index.bytes = json.bytes;
    index.records = json.records;
    for (const item of json.buckets) insert(index.buckets, UsageBucket.fromJSON(item));
    for (const [tagKey, items] of Object.entries(json.tags)) index.savedTags.set(tagKey, items);
    return index;
  }
}

function addTo(
  buckets: Map<string, UsageBucket>,
  record: UsageRecord,
  tagValue: string | null | undefined,
): void {
  const key = UsageBucket.keyOf(record, tagValue);
  let bucket = buckets.get(key);
  if (!bucket) {
    bucket = UsageBucket.forRecord(record, tagValue);
    buckets.set(key, bucket);
  }
  bucket.addRecord(record);
}

function insert(buckets: Map<string, UsageBucket>, bucket: UsageBucket): void {
  buckets.set(bucket.key(), bucket);
}
