// Exporting records as JSON or CSV (RFC 4180).
import type { UsageRecord, UsageFilter } from '@llm/core';
import { closeSync, openSync, writeSync } from 'node:fs';
import { inTimeRange, recordMatchesFilter } from '../query/summarize-usage';
import type { UsageStore } from '../store/usage-store';

const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV field per RFC 4180: quoted when it holds a comma, a quote or a line break; quotes doubled. */
export function csvField(value: string | number | boolean | undefined | null): string {
  if (value === undefined || value === null) return '';
  const text = String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV row; RFC 4180 ends every row with CRLF. */
export function csvRow(fields: readonly (string | number | boolean | undefined | null)[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

/** The columns of a CSV export, in order. `cost` is the exact decimal; `tags` is a JSON object. */
export const USAGE_CSV_COLUMNS = [
  'timestamp',
  'time_iso',
  'request_id',
  'provider_name',
  'model_name',
  'operation',
  'stream',
  'success',
  'error_type',
  'error_message',
  'prompt_tokens',
  'completion_tokens',
  'total_tokens',
  'cached_tokens',
  'cache_write_tokens',
  'reasoning_tokens',
  'cost',
  'currency',
  'pricing_missing',
  'estimated',
  'response_time',
  'attempts',
  'call_id',
  'attempt',
  'outcome',
  'final',
  'provider_request_id',
  'tags',
] as const;

export function usageCsvHeader(): string {
  return csvRow(USAGE_CSV_COLUMNS);
}

export function usageCsvRow(record: UsageRecord): string {
  return csvRow([
    record.timestamp,
    new Date(record.timestamp).toISOString(),
    record.request_id,
    record.provider_name,
    record.model_name,
    record.operation,
    record.stream,
    record.success,
    record.error_type,
    record.error_message,
    record.prompt_tokens,
    record.completion_tokens,
    record.total_tokens,
    record.cached_tokens,
    record.cache_write_tokens,
    record.reasoning_tokens,
    record.cost_decimal ?? record.cost,
    record.currency,
    record.pricing_missing,
    record.estimated,
    record.response_time,
    record.attempts,
    record.call_id,
    record.attempt,
    record.outcome,
    record.final,
    record.provider_request_id,
    record.tags ? JSON.stringify(record.tags) : undefined,
  ]);
}

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
