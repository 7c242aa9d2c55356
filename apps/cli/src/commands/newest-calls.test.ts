import type { TimeRange, UsageRecord } from '@llm/core';
import { MemoryUsageStore } from '@llm/usage';
import { describe, expect, it } from 'vitest';
import { newestCalls } from './newest-calls';

const NOW = Date.UTC(2026, 11, 1, 12);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function record(id: string, timestamp: number, extra: Partial<UsageRecord> = {}): UsageRecord {
  return {
    model_name: 'gpt-4o-mini',
    provider_name: 'openai',
    timestamp,
    request_id: id,
    prompt_tokens: 1,
    completion_tokens: 1,
    total_tokens: 2,
    success: true,
    response_time: 10,
    ...extra,
  } as UsageRecord;
}

/** A real memory store that remembers the ranges it was asked to read. */
function storeWith(records: UsageRecord[]): { store: MemoryUsageStore; reads: TimeRange[] } {
  const store = new MemoryUsageStore();
  store.appendSync(records);
  const reads: TimeRange[] = [];
  const read = store.forEachRecord.bind(store);
  store.forEachRecord = (range, visit) => {
    reads.push(range);
    return read(range, visit);
  };
  return { store, reads };
}

const ids = (records: UsageRecord[]) => records.map((found) => found.request_id);

describe('newestCalls', () => {
  it('reads only the last day when it holds enough calls, newest first', async () => {
    const { store, reads } = storeWith([
      record('old', NOW - 40 * DAY),
      record('a', NOW - 3 * HOUR),
      record('b', NOW - 2 * HOUR),
      record('c', NOW - HOUR),
    ]);
    expect(ids(await newestCalls(store, { count: 2, now: NOW }))).toEqual(['c', 'b']);
    expect(reads).toEqual([{ start: NOW - DAY, end: undefined }]);
  });

  it('reaches back window by window, each day read once, until it has enough', async () => {
    const { store, reads } = storeWith([
      record('ancient', NOW - 800 * DAY),
      record('month', NOW - 20 * DAY),
      record('today', NOW - HOUR),
    ]);
    expect(ids(await newestCalls(store, { count: 3, now: NOW }))).toEqual([
      'today',
      'month',
      'ancient',
    ]);
    expect(reads).toEqual([
      { start: NOW - DAY, end: undefined },
      { start: NOW - 7 * DAY, end: NOW - DAY },
      { start: NOW - 30 * DAY, end: NOW - 7 * DAY },
      { start: NOW - 365 * DAY, end: NOW - 30 * DAY },
      { start: undefined, end: NOW - 365 * DAY },
    ]);
  });

  it('never reads before --since, and filters with accept', async () => {
    const { store, reads } = storeWith([
      record('before', NOW - 10 * DAY),
      record('kept', NOW - 3 * DAY, { tags: { conversation: 'x' } }),
      record('other', NOW - 2 * DAY),
    ]);
    const found = await newestCalls(store, {
      count: 5,
      now: NOW,
      start: NOW - 5 * DAY,
      accept: (candidate) => candidate.tags?.['conversation'] === 'x',
    });
    expect(ids(found)).toEqual(['kept']);
    expect(reads).toEqual([
      { start: NOW - DAY, end: undefined },
      { start: NOW - 5 * DAY, end: NOW - DAY },
    ]);
  });

  it('keeps only the newest while a busy window is read', async () => {
    const many = Array.from({ length: 50 }, (_, index) => record(`r${index}`, NOW - index * 1000));
    const { store } = storeWith(many.reverse());
    expect(ids(await newestCalls(store, { count: 3, now: NOW }))).toEqual(['r0', 'r1', 'r2']);
  });
});
