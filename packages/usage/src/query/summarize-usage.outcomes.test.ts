import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { UsageRecord } from '@llm/core';
import { createCurrencyConverter } from '../money/currency-converter';
import { JsonlUsageStore } from '../store/jsonl/jsonl-usage-store';
import { MemoryUsageStore } from '../store/memory-usage-store';
import type { UsageStore } from '../store/usage-store';
import { sampleRecord } from '../__tests__/sample-records';
import { temporaryDirectory } from '../__tests__/temporary-directory';
import { summarizeUsage } from './summarize-usage';

const START = Date.UTC(2026, 6, 20, 10);
const converter = createCurrencyConverter();
const failure = (error_type: string, error_code?: string) =>
  sampleRecord({
    timestamp: START,
    success: false,
    error_type,
    ...(error_code && { error_code }),
    cost: undefined,
    cost_decimal: undefined,
  });

/** One call of each way to end: a success, provider failures, an abort, budget and validation refusals. */
const CALLS: UsageRecord[] = [
  sampleRecord({ timestamp: START }),
  failure('server_error'),
  failure('invalid_request'),
  failure('aborted', 'aborted'),
  failure('aborted'),
  failure('budget_exceeded', 'budget_exceeded'),
  failure('budget_unpriced', 'budget_unpriced'),
  failure('invalid_request', 'validation_failed'),
];

async function summaryOf(store: UsageStore) {
  const [group] = await summarizeUsage(store, { group_by: 'none' });
  return group!.toSummary(converter);
}

const COUNTS = {
  total_requests: 8,
  successful_requests: 1,
  failed_requests: 2,
  aborted_requests: 2,
  blocked_requests: 2,
  rejected_requests: 1,
};

describe('summaries count how calls ended', () => {
  it('counts aborted, blocked and rejected calls apart from failed ones (provider and network failures)', async () => {
    const store = new MemoryUsageStore();
    store.appendSync(CALLS);
    expect(await summaryOf(store)).toMatchObject(COUNTS);
  });

  it('keeps the counts apart in the JSONL rollups and in their saved index', async () => {
    const directory = temporaryDirectory('outcomes-');
    const writer = new JsonlUsageStore({ directory });
    await writer.append(CALLS);
    expect(await summaryOf(writer)).toMatchObject(COUNTS);
    await writer.close();
    const reader = new JsonlUsageStore({ directory });
    expect(await summaryOf(reader)).toMatchObject(COUNTS);
    await reader.close();
  });
});

/** Writes `records` with a finished writer, then rewrites its saved index as an older version wrote it. */
async function ledgerWithOldIndex(
  records: UsageRecord[],
  edit: (totals: unknown[]) => void = () => {},
  version: 1 | 2 = 1,
) {
  const directory = temporaryDirectory('index-v1-');
  const writer = new JsonlUsageStore({ directory });
  await writer.append(records);
  await writer.close();
  const indexFile = readdirSync(directory).find((file) => file.endsWith('.index.json'))!;
  const index = JSON.parse(readFileSync(join(directory, indexFile), 'utf8')) as {
    version: number;
    buckets: unknown[][];
  };
  index.version = version;
  for (const bucket of index.buckets) {
    const totals = bucket[5] as unknown[];
    // Version 1 ended with the costs; version 2 with the aborted, blocked and rejected counts.
    totals.splice(version === 1 ? 13 : 16);
    edit(totals);
  }
  writeFileSync(join(directory, indexFile), JSON.stringify(index));
  return directory;
}

describe('a rollup index saved before attempts were counted (versions 1 and 2)', () => {
  it.each([1, 2] as const)(
    'is rebuilt from the records (version %i), so attempts are counted from them',
    async (version) => {
      // The saved prompt total is changed so the summary shows whether the index was used.
      const directory = await ledgerWithOldIndex(
        [sampleRecord({ timestamp: START }), sampleRecord({ timestamp: START, attempts: 3 })],
        (totals) => (totals[2] = 999),
        version,
      );
      const reader = new JsonlUsageStore({ directory });
      expect(await summaryOf(reader)).toMatchObject({
        total_requests: 2,
        successful_requests: 2,
        failed_requests: 0,
        total_prompt_tokens: 200,
        total_attempts: 4,
      });
      await reader.close();
    },
  );

  it('is rebuilt from the records when it holds failures, so an old abort is not counted as failed', async () => {
    const directory = await ledgerWithOldIndex([
      sampleRecord({ timestamp: START }),
      failure('aborted'),
      failure('timeout'),
    ]);
    const reader = new JsonlUsageStore({ directory });
    expect(await summaryOf(reader)).toMatchObject({
      total_requests: 3,
      successful_requests: 1,
      failed_requests: 1,
      aborted_requests: 1,
    });
    await reader.close();
  });
});
