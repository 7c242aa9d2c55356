import { appendFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock, type UsageRecord } from '@llm/core';
import type { UsageBucket } from '../../ledger/usage-rollups';
import { sampleRecord } from '../../__tests__/sample-records';
import type { CorruptLineReport, TornLineReport } from '../usage-store';
import { JsonlUsageStore } from './jsonl-usage-store';
import { localHostLabel, segmentFileName } from './segment-files';
import { temporaryDirectory } from '../../__tests__/temporary-directory';

const DAY = 86_400_000;
const JULY_24 = Date.UTC(2026, 6, 24, 12);
const stores: JsonlUsageStore[] = [];

function openStore(
  directory: string,
  options: Partial<ConstructorParameters<typeof JsonlUsageStore>[0]> = {},
): JsonlUsageStore {
  const store = new JsonlUsageStore({ directory, ...options });
  stores.push(store);
  return store;
}
const newDirectory = () => temporaryDirectory('jsonl-store-');
const lines = (records: UsageRecord[]) =>
  records.map((record) => `${JSON.stringify(record)}\n`).join('');
/** A segment name of a writer that is gone: our own pid with another id is a previous incarnation. */
const deadWriterSegment = (day: string) =>
  segmentFileName(day, `${localHostLabel()}-${process.pid}-deadbeef`);

async function readAll(store: JsonlUsageStore): Promise<UsageRecord[]> {
  const records: UsageRecord[] = [];
  await store.forEachRecord({}, (record) => records.push(record));
  return records;
}
async function bucketTotal(store: JsonlUsageStore): Promise<number> {
  let requests = 0;
  await store.forEachBucket({}, (bucket: UsageBucket) => (requests += bucket.requests));
  return requests;
}

afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
});

describe('JsonlUsageStore', () => {
  it('appends records to one JSON-lines segment per UTC day for this process', async () => {
    const directory = newDirectory();
    const store = openStore(directory);
    await store.append([
      sampleRecord({ timestamp: JULY_24 }),
      sampleRecord({ timestamp: JULY_24 + DAY }),
    ]);
    const segments = readdirSync(directory).filter((file) => file.endsWith('.jsonl'));
    expect(segments).toEqual([
      `2026-07-24.${store.writerId}.jsonl`,
      `2026-07-25.${store.writerId}.jsonl`,
    ]);
    expect(JSON.parse(readFileSync(join(directory, segments[0]!), 'utf8'))).toMatchObject({
      timestamp: JULY_24,
    });
  });

  it('reads back, after reopening, every record an earlier store appended', async () => {
    const directory = newDirectory();
    const first = openStore(directory);
    const records = Array.from({ length: 50 }, (_, index) =>
      sampleRecord({ request_id: `r${index}`, timestamp: JULY_24 + index * 1000 }),
    );
    await first.append(records);
    await first.close();
    const second = openStore(directory);
    expect((await readAll(second)).map((record) => record.request_id)).toEqual(
      records.map((record) => record.request_id),
    );
    expect(await bucketTotal(second)).toBe(50);
  });

  it('uses the index saved beside a segment instead of rescanning it', async () => {
    const directory = newDirectory();
    const first = openStore(directory);
    await first.append([sampleRecord({ timestamp: JULY_24 })]);
    await first.close();
    const indexFile = readdirSync(directory).find((file) => file.endsWith('.index.json'))!;
    const saved = JSON.parse(readFileSync(join(directory, indexFile), 'utf8'));
    saved.buckets[0][5][0] = 41; // the saved request count, deliberately wrong: only a reader of the index sees it
    writeFileSync(join(directory, indexFile), JSON.stringify(saved));
    expect(await bucketTotal(openStore(directory))).toBe(41);
  });

  it('reads only the bytes written after the saved index', async () => {
    const directory = newDirectory();
    const first = openStore(directory);
    await first.append([sampleRecord({ timestamp: JULY_24 })]);
    await first.close();
    const segment = readdirSync(directory).find((file) => file.endsWith('.jsonl'))!;
    appendFileSync(
      join(directory, segment),
      lines([sampleRecord({ timestamp: JULY_24 }), sampleRecord({ timestamp: JULY_24 })]),
    );
    expect(await bucketTotal(openStore(directory))).toBe(3);
  });

  it('moves aside and reports the torn last line of a crashed writer, and keeps every whole record', async () => {
    const directory = newDirectory();
    const file = join(directory, deadWriterSegment('2026-07-24'));
    const whole = lines([
      sampleRecord({ request_id: 'a', timestamp: JULY_24 }),
      sampleRecord({ request_id: 'b', timestamp: JULY_24 }),
    ]);
    const torn = '{"model_name":"gpt-4o","provider_na';
    writeFileSync(file, whole + torn);
    const store = openStore(directory);
    const tears: TornLineReport[] = [];
    store.on('torn-line', (report) => tears.push(report));
    await store.whenReady();
    expect(tears).toEqual([
      {
        file,
        offset: Buffer.byteLength(whole),
        length: torn.length,
        quarantinedTo: `${file}.torn-${Buffer.byteLength(whole)}`,
      },
    ]);
    expect(readFileSync(file, 'utf8')).toBe(whole);
    expect(readFileSync(tears[0]!.quarantinedTo!, 'utf8')).toBe(torn);
    await store.append([sampleRecord({ request_id: 'c', timestamp: JULY_24 })]);
    expect((await readAll(store)).map((record) => record.request_id).sort()).toEqual([
      'a',
      'b',
      'c',
    ]);
  });

  it('leaves alone the unfinished last line of a writer that is still running', async () => {
    const directory = newDirectory();
    const file = join(
      directory,
      segmentFileName('2026-07-24', `${localHostLabel()}-${process.ppid}-0a0b0c0d`),
    );
    writeFileSync(file, `${lines([sampleRecord({ timestamp: JULY_24 })])}{"model_name":`);
    const store = openStore(directory);
    const tears: TornLineReport[] = [];
    store.on('torn-line', (report) => tears.push(report));
    expect(await bucketTotal(store)).toBe(1);
    expect(tears).toEqual([]);
    expect(readFileSync(file, 'utf8')).toMatch(/\{"model_name":$/);
  });

  it('skips and reports a whole line that is not a usage record', async () => {
    const directory = newDirectory();
    writeFileSync(
      join(directory, deadWriterSegment('2026-07-24')),
      `not json\n${lines([sampleRecord({ timestamp: JULY_24 })])}{"model_name":1}\n`,
    );
    const store = openStore(directory);
    const corrupt: CorruptLineReport[] = [];
    store.on('corrupt-line', (report) => corrupt.push(report));
    expect(await bucketTotal(store)).toBe(1);
    expect(corrupt.map((report) => report.reason)).toEqual([
      'not valid JSON',
      'missing model_name or provider_name',
    ]);
  });

  it('summarizes by tag from per-tag rollups', async () => {
    const store = openStore(newDirectory());
    await store.append([
      sampleRecord({ timestamp: JULY_24, tags: { user: 'ada' } }),
      sampleRecord({ timestamp: JULY_24, tags: { user: 'bob' } }),
      sampleRecord({ timestamp: JULY_24 }),
    ]);
    const byUser: Record<string, number> = {};
    await store.forEachBucket(
      { tagKey: 'user' },
      (bucket) =>
        (byUser[String(bucket.tagValue)] =
          (byUser[String(bucket.tagValue)] ?? 0) + bucket.requests),
    );
    expect(byUser).toEqual({ ada: 1, bob: 1, null: 1 });
  });

  it('deletes days past retention and gzips older segments of finished writers', async () => {
    const directory = newDirectory();
    writeFileSync(
      join(directory, deadWriterSegment('2026-06-01')),
      lines([
        sampleRecord({ timestamp: Date.UTC(2026, 5, 1) }),
        sampleRecord({ timestamp: Date.UTC(2026, 5, 1) }),
      ]),
    );
    writeFileSync(
      join(directory, deadWriterSegment('2026-07-01')),
      lines([sampleRecord({ timestamp: Date.UTC(2026, 6, 1) })]),
    );
    writeFileSync(
      join(directory, deadWriterSegment('2026-07-23')),
      lines([sampleRecord({ timestamp: Date.UTC(2026, 6, 23) })]),
    );
    const store = openStore(directory, { clock: createManualClock(JULY_24) });
    const result = await store.cleanup({ now: JULY_24, retentionDays: 30, archiveAfterDays: 7 });
    expect(result).toEqual({ deletedRecords: 2, deletedSegments: 1, archivedSegments: 1 });
    const files = readdirSync(directory)
      .filter((file) => !file.endsWith('.index.json'))
      .sort();
    expect(files).toEqual([
      `${deadWriterSegment('2026-07-01')}.gz`,
      deadWriterSegment('2026-07-23'),
    ]);
    expect(await bucketTotal(openStore(directory))).toBe(2);
    expect((await readAll(store)).length).toBe(2);
  });

  it('counts the records of an interrupted archive once', async () => {
    const directory = newDirectory();
    const segment = deadWriterSegment('2026-07-01');
    writeFileSync(
      join(directory, segment),
      lines([sampleRecord({ timestamp: Date.UTC(2026, 6, 1) })]),
    );
    const archiving = openStore(directory);
    await archiving.cleanup({ now: JULY_24, retentionDays: 365, archiveAfterDays: 7 });
    writeFileSync(
      join(directory, segment),
      lines([sampleRecord({ timestamp: Date.UTC(2026, 6, 1) })]),
    ); // the original, as if unlink never ran
    const reader = openStore(directory);
    expect((await readAll(reader)).length).toBe(1);
    expect(await bucketTotal(reader)).toBe(1);
    await reader.cleanup({ now: JULY_24, retentionDays: 365 });
    expect(existsSync(join(directory, segment))).toBe(false);
  });
});
