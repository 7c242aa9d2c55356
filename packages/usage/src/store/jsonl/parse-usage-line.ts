import type { UsageRecord } from '@llm/core';

const isCount = (value: unknown) =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0;

/**
 * A ledger line as a record, or the reason it is not one. The check is structural and cheap (the
 * writer validated the record); it guards summaries against foreign or damaged lines.
 */
export function parseUsageLine(line: string): UsageRecord | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return 'not valid JSON';
  }
  if (typeof value !== 'object' || value === null) return 'not a JSON object';
  const record = value as Record<string, unknown>;
  if (typeof record.model_name !== 'string' || typeof record.provider_name !== 'string')
    return 'missing model_name or provider_name';
  if (typeof record.timestamp !== 'number' || !Number.isFinite(record.timestamp))
    return 'missing timestamp';
  if (typeof record.success !== 'boolean') return 'missing success';
  if (
    !isCount(record.prompt_tokens) ||
    !isCount(record.completion_tokens) ||
    !isCount(record.total_tokens)
  )
    return 'missing token counts';
  if (!isCount(record.response_time)) return 'missing response_time';
  return value as UsageRecord;
}
