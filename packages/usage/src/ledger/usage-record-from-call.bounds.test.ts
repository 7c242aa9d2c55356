import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageRecordSchema, type UsageRecord } from '@llm/core';
import { sampleRecord } from '../__tests__/sample-records';
import { temporaryDirectory } from '../__tests__/temporary-directory';
import { MemoryUsageStore } from '../store/memory-usage-store';
import {
  USAGE_RECORD_LIMITS,
  boundUsageRecord,
  usageRecordFromCall,
} from './usage-record-from-call';
import { createUsageTracker } from './usage-tracker';

const call = {
  provider: 'openai',
  model: 'gpt-4o',
  requestId: 'req-1',
  timestamp: Date.UTC(2026, 6, 24, 10),
  responseTime: 120,
  success: false,
};

const MEGABYTE = 1 << 20;

function directoryBytes(directory: string): number {
  return readdirSync(directory).reduce(
    (total, file) => total + statSync(join(directory, file)).size,
    0,
  );
}

async function storedRecords(store: MemoryUsageStore): Promise<UsageRecord[]> {
  const records: UsageRecord[] = [];
  await store.forEachRecord({}, (record) => void records.push(record));
  return records;
}

describe('bounded usage records', () => {
  it('adds no megabyte to the ledger segment or its index for a 1 MB model name', async () => {
    const directory = temporaryDirectory('llm-usage-bounds-');
    const tracker = createUsageTracker({
      dataDir: directory,
      settings: { durability: 'sync' },
      flushOnExit: false,
    });
    await tracker.recordUsage(usageRecordFromCall({ ...call, model: 'm'.repeat(MEGABYTE) }));
    await tracker.getUsageSummary();
    await tracker.close();
    expect(directoryBytes(directory)).toBeLessThan(8 * 1024);
  });

  it('cuts model, provider, request ids and error type to 256 characters, ending in …', () => {
    const long = 'x'.repeat(10_000);
    const record = usageRecordFromCall({
      ...call,
      model: long,
      provider: long,
      requestId: long,
      providerRequestId: long,
      errorType: long,
    });
    for (const field of [
      'model_name',
      'provider_name',
      'request_id',
      'provider_request_id',
      'error_type',
    ] as const) {
      expect(record[field]).toHaveLength(USAGE_RECORD_LIMITS.name);
      expect(record[field]?.endsWith('…')).toBe(true);
    }
  });

  it('keeps an error message to 500 characters', () => {
    const record = usageRecordFromCall({ ...call, errorMessage: 'e'.repeat(MEGABYTE) });
    expect(record.error_message).toHaveLength(USAGE_RECORD_LIMITS.errorMessage);
  });

  it('records no tags for tags given as a string instead of spreading its characters', () => {
    const record = usageRecordFromCall({
      ...call,
      tags: 'abc' as unknown as Record<string, string>,
    });
    expect(record.tags).toBeUndefined();
  });

  it('keeps only string values of tags and drops the others', () => {
    const tags = { user: 1, team: 'search', nested: { a: 'b' } } as unknown as Record<
      string,
      string
    >;
    expect(usageRecordFromCall({ ...call, tags }).tags).toEqual({ team: 'search' });
  });

  it('bounds tag keys, tag values and the number of tags', () => {
    const many = Object.fromEntries(
      Array.from({ length: 100 }, (_, index) => [`k${index}`, 'v']),
    ) as Record<string, string>;
    const record = usageRecordFromCall({
      ...call,
      tags: { ['k'.repeat(1_000)]: 'v'.repeat(MEGABYTE), ...many },
    });
    const entries = Object.entries(record.tags ?? {});
    expect(entries).toHaveLength(USAGE_RECORD_LIMITS.tags);
    expect(entries[0]![0]).toHaveLength(USAGE_RECORD_LIMITS.tagKey);
    expect(entries[0]![1]).toHaveLength(USAGE_RECORD_LIMITS.tagValue);
  });

  it('records a non-string model as text, so the record still validates', () => {
    const record = usageRecordFromCall({ ...call, model: 7 as unknown as string });
    expect(record.model_name).toBe('7');
    expect(UsageRecordSchema.safeParse(record).success).toBe(true);
  });

  it('bounds a record given straight to recordUsage', async () => {
    const store = new MemoryUsageStore();
    const tracker = createUsageTracker({
      store,
      settings: { durability: 'sync' },
      flushOnExit: false,
    });
    await tracker.recordUsage(
      sampleRecord({ model_name: 'y'.repeat(MEGABYTE), tags: { user: 5 } as never }),
    );
    await tracker.flush();
    const [stored] = await storedRecords(store);
    expect(stored?.model_name).toHaveLength(USAGE_RECORD_LIMITS.name);
    expect(stored?.tags).toBeUndefined();
    await tracker.close();
  });

  it('returns a record within the limits as it is, without copying it', () => {
    const record = sampleRecord({ tags: { user: 'ada' } });
    expect(boundUsageRecord(record)).toBe(record);
  });
});
