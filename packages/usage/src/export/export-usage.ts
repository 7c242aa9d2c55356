import { closeSync, openSync, writeSync } from 'node:fs';
import type { UsageFilter, UsageRecord } from '@llm/core';
import { inTimeRange, recordMatchesFilter } from '../query/record-matches-filter';
import type { UsageStore } from '../store/usage-store';
import { usageCsvHeader, usageCsvRow } from './usage-csv';

export type ExportFormat = 'json' | 'csv';

/** JSON is an array with one record per line; CSV (RFC 4180) has a header row and one row per record. */
function formatter(format: ExportFormat): {
  start: string;
  row(record: UsageRecord, index: number): string;
  end(count: number): string;
} {
  if (format === 'csv') return { start: usageCsvHeader(), row: usageCsvRow, end: () => '' };
  return {
    start: '[',
    row: (record, index) => `${index === 0 ? '\n' : ',\n'}${JSON.stringify(record)}`,
    end: (count) => (count === 0 ? ']\n' : '\n]\n'),
  };
}

/** Visits the records matching `filter`, in ledger order (day, then writer, then append order). */
function forEachMatching(
  store: UsageStore,
  filter: UsageFilter,
  visit: (record: UsageRecord) => void,
): Promise<void> {
  const { start, end } = filter.time_range ?? {};
  return store.forEachRecord({ start, end }, (record) => {
    if (inTimeRange(record.timestamp, start, end) && recordMatchesFilter(record, filter))
      visit(record);
  });
}

export async function exportUsageText(
  store: UsageStore,
  format: ExportFormat,
  filter: UsageFilter = {},
): Promise<string> {
  const output = formatter(format);
  const parts: string[] = [output.start];
  let count = 0;
  await forEachMatching(store, filter, (record) => {
    parts.push(output.row(record, count));
    count += 1;
  });
  parts.push(output.end(count));
  return parts.join('');
}

const WRITE_CHUNK_CHARACTERS = 1 << 20;

/** Streams an export to a file in bounded memory; returns how many records it holds. */
export async function exportUsageFile(
  store: UsageStore,
  path: string,
  format: ExportFormat,
  filter: UsageFilter = {},
): Promise<number> {
  const output = formatter(format);
  const descriptor = openSync(path, 'w');
  try {
    let buffered = output.start;
    let count = 0;
    await forEachMatching(store, filter, (record) => {
      buffered += output.row(record, count);
      count += 1;
      if (buffered.length >= WRITE_CHUNK_CHARACTERS) {
        writeSync(descriptor, buffered);
        buffered = '';
      }
    });
    writeSync(descriptor, buffered + output.end(count));
    return count;
  } finally {
    closeSync(descriptor);
  }
}
