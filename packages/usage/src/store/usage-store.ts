import type { EventEmitter } from 'node:events';
import type { TimeRange, UsageRecord } from '@llm/core';
import type { UsageBucket } from '../ledger/usage-rollups';

/** Hour-aligned bounds of a bucket query (epoch ms; start inclusive, end exclusive; either may be open). */
export interface BucketQuery {
  startHour?: number;
  endHour?: number;
  /** Visit the per-value buckets of this tag instead of the base buckets. */
  tagKey?: string;
}

export interface CleanupOptions {
  now: number;
  /** Segments of days older than this many days (UTC) are deleted. */
  retentionDays: number;
  /** Segments of days older than this are compressed (JSONL store: gzip). */
  archiveAfterDays?: number;
}

export interface CleanupResult {
  deletedRecords: number;
  deletedSegments: number;
  archivedSegments: number;
}

/** A last line without its newline: what a crash in the middle of a write leaves behind. */
export interface TornLineReport {
  file: string;
  /** Byte offset where the torn line starts. */
  offset: number;
  length: number;
  /** Where the torn bytes were moved before the segment was cut back to its last whole line. */
  quarantinedTo?: string;
}

/** A whole line that is not a usage record (skipped, never fatal). */
export interface CorruptLineReport {
  file: string;
  offset: number;
  reason: string;
}

export interface UsageStoreEvents {
  'torn-line': [report: TornLineReport];
  'corrupt-line': [report: CorruptLineReport];
}

/**
 * Where usage records live. Stores keep hourly rollups (UsageBucket) so summaries never rescan the
 * records of whole hours; `forEachRecord` serves partial hours, tag filters and exports.
 */
export interface UsageStore extends Pick<EventEmitter<UsageStoreEvents>, 'on' | 'off' | 'once'> {
  readonly kind: string;
  /** Stores `records`; with `sync` it resolves only once they are durable (JSONL: fsync'd). */
  append(records: readonly UsageRecord[], options?: { sync?: boolean }): Promise<void>;
  /** Synchronous append for process-exit and signal handlers. */
  appendSync(records: readonly UsageRecord[], options?: { sync?: boolean }): void;
  forEachBucket(query: BucketQuery, visit: (bucket: UsageBucket) => void): Promise<void>;
  forEachRecord(range: TimeRange, visit: (record: UsageRecord) => void): Promise<void>;
  cleanup(options: CleanupOptions): Promise<CleanupResult>;
  close(): Promise<void>;
}
