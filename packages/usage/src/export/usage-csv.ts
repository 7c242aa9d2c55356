import type { UsageRecord } from '@llm/core';
import { csvRow } from './csv-field';

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
    record.provider_request_id,
    record.tags ? JSON.stringify(record.tags) : undefined,
  ]);
}
