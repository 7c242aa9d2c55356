import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createManualClock, type UsageRecord } from '@llm/core';
import { startLedgerWriter } from '../../__tests__/run-ledger-writer';
import { sampleRecord } from '../../__tests__/sample-records';
import { temporaryDirectory } from '../../__tests__/temporary-directory';
import { JsonlUsageStore } from './jsonl-usage-store';
import { localHostLabel, segmentFileName } from './segment-files';

const JULY_24 = Date.UTC(2026, 6, 24, 12);
const segmentsIn = (directory: string) =>
  readdirSync(directory).filter((file) => file.endsWith('.jsonl'));

async function requestIds(store: JsonlUsageStore): Promise<string[]> {
  const ids: string[] = [];
  await store.forEachRecord({}, (record: UsageRecord) => void ids.push(record.request_id));
  return ids;
}

async function bucketRequests(store: JsonlUsageStore): Promise<number> {
  let requests = 0;
  await store.forEachBucket({}, (bucket) => (requests += bucket.requests));
  return requests;
}

describe('a ledger written by many short processes', () => {
  it('keeps one segment per day when each writer records a little and closes', async () => {
    const directory = temporaryDirectory('jsonl-short-');
    const clock = createManualClock(JULY_24);
    for (let run = 0; run < 40; run++) {
      const store = new JsonlUsageStore({ directory, clock });
      await store.append([
        sampleRecord({ request_id: `run-${run}`, timestamp: JULY_24 + run }),
        sampleRecord({ request_id: `run-${run}-b`, timestamp: JULY_24 + run }),
      ]);
      await store.close();
    }
    expect(segmentsIn(directory)).toHaveLength(1);
    const reader = new JsonlUsageStore({ directory, clock });
    expect(await bucketRequests(reader)).toBe(80);
    const ids = await requestIds(reader);
    expect(ids).toHaveLength(80);
    expect(new Set(ids).size).toBe(80);
    await reader.close();
  });

  it('keeps one segment per day across separate processes, with every record once', async () => {
    const directory = temporaryDirectory('jsonl-short-processes-');
    for (let run = 0; run < 6; run++) {
      const writer = startLedgerWriter({
        LEDGER_DIR: directory,
        COUNT: '3',
        PREFIX: `run${run}`,
        DURABILITY: 'batched',
      });
      expect(await writer.exited).toEqual({ code: 0, signal: null });
    }
    expect(segmentsIn(directory)).toHaveLength(1);
    const reader = new JsonlUsageStore({ directory });
    const ids = await requestIds(reader);
    expect(ids).toHaveLength(18);
    expect(new Set(ids).size).toBe(18);
    expect(await bucketRequests(reader)).toBe(18);
    await reader.close();
  }, 30_000);

  it('does not continue the segment of a store that is still open in this process', async () => {
    const directory = temporaryDirectory('jsonl-short-open-');
    const clock = createManualClock(JULY_24);
    const first = new JsonlUsageStore({ directory, clock });
    const second = new JsonlUsageStore({ directory, clock });
    await first.append([sampleRecord({ request_id: 'a', timestamp: JULY_24 })]);
    await second.append([sampleRecord({ request_id: 'b', timestamp: JULY_24 })]);
    await first.append([sampleRecord({ request_id: 'c', timestamp: JULY_24 })]);
    expect(segmentsIn(directory).sort()).toEqual(
      [`2026-07-24.${first.writerId}.jsonl`, `2026-07-24.${second.writerId}.jsonl`].sort(),
    );
    expect((await requestIds(second)).sort()).toEqual(['a', 'b', 'c']);
    await first.close();
    await second.close();
  });

  it('does not continue a finished segment whose last line is torn', async () => {
    const directory = temporaryDirectory('jsonl-short-torn-');
    const clock = createManualClock(JULY_24);
    const dead = segmentFileName('2026-07-24', `${localHostLabel()}-${process.pid}-deadbeef`);
    writeFileSync(join(directory, dead), '{"model_name":"gpt-4o","provider_na');
    const store = new JsonlUsageStore({ directory, clock, checkOnOpen: false });
    await store.append([sampleRecord({ request_id: 'a', timestamp: JULY_24 })]);
    expect(segmentsIn(directory)).toContain(`2026-07-24.${store.writerId}.jsonl`);
    expect(segmentsIn(directory)).toContain(dead);
    await store.close();
  });

  it('continues only segments of today, never of a day cleanup may archive', async () => {
    const directory = temporaryDirectory('jsonl-short-yesterday-');
    const clock = createManualClock(JULY_24);
    const earlier = new JsonlUsageStore({ directory, clock });
    await earlier.append([sampleRecord({ timestamp: JULY_24 - 86_400_000 })]);
    await earlier.close();
    const later = new JsonlUsageStore({ directory, clock });
    await later.append([sampleRecord({ timestamp: JULY_24 - 86_400_000 })]);
    expect(segmentsIn(directory)).toHaveLength(2);
    await later.close();
  });
});
