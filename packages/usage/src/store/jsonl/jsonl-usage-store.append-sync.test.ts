import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { UsageRecord } from '@llm/core';
import type { UsageBucket } from '../../ledger/usage-rollups';
import { sampleRecord } from '../../__tests__/sample-records';
import { temporaryDirectory } from '../../__tests__/temporary-directory';
import { JsonlUsageStore } from './jsonl-usage-store';

// appendSync is the path records take while the process ends (exit and signal handlers allow only
// synchronous I/O), so what it writes must be what a later process reads.
const JULY_24 = Date.UTC(2026, 6, 24, 12);
const DAY = 86_400_000;
const stores: JsonlUsageStore[] = [];
const openStore = (directory: string) => {
  const store = new JsonlUsageStore({ directory });
  stores.push(store);
  return store;
};
afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
});

async function readAll(store: JsonlUsageStore): Promise<UsageRecord[]> {
  const records: UsageRecord[] = [];
  await store.forEachRecord({}, (record) => records.push(record));
  return records;
}
async function bucketRequests(store: JsonlUsageStore): Promise<number> {
  let requests = 0;
  await store.forEachBucket({}, (bucket: UsageBucket) => (requests += bucket.requests));
  return requests;
}

describe('JsonlUsageStore.appendSync', () => {
  it('writes records synchronously, one segment per UTC day, that a new store reads back', () => {
    const directory = temporaryDirectory('jsonl-sync-');
    const store = openStore(directory);
    store.appendSync(
      [
        sampleRecord({ timestamp: JULY_24, request_id: 'a' }),
        sampleRecord({ timestamp: JULY_24 + DAY, request_id: 'b' }),
      ],
      { sync: true },
    );
    const segments = readdirSync(directory).filter((name) => name.endsWith('.jsonl'));
    expect(segments).toHaveLength(2);
    const written = segments.flatMap((name) =>
      readFileSync(join(directory, name), 'utf8').trim().split('\n'),
    );
    expect(written.map((line) => (JSON.parse(line) as UsageRecord).request_id).sort()).toEqual([
      'a',
      'b',
    ]);
  });

  it('keeps the totals of a store that had already indexed the segment', async () => {
    const directory = temporaryDirectory('jsonl-sync-');
    const store = openStore(directory);
    await store.append([sampleRecord({ timestamp: JULY_24, request_id: 'async' })]);
    expect(await bucketRequests(store)).toBe(1);
    store.appendSync([sampleRecord({ timestamp: JULY_24 + 1000, request_id: 'sync' })]);
    expect(await bucketRequests(store)).toBe(2);
    const reopened = openStore(directory);
    expect((await readAll(reopened)).map((record) => record.request_id)).toEqual(['async', 'sync']);
    expect(await bucketRequests(reopened)).toBe(2);
  });
});
