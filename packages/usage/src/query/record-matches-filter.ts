import type { UsageFilter, UsageRecord } from '@llm/core';

/** Whether a record passes every condition of a filter except the time range. */
export function recordMatchesFilter(record: UsageRecord, filter: UsageFilter): boolean {
  if (filter.provider_name !== undefined && record.provider_name !== filter.provider_name)
    return false;
  if (filter.model_name !== undefined && record.model_name !== filter.model_name) return false;
  if (filter.success !== undefined && record.success !== filter.success) return false;
  if (filter.tags) {
    for (const [key, value] of Object.entries(filter.tags))
      if (record.tags?.[key] !== value) return false;
  }
  return true;
}

export function inTimeRange(
  timestamp: number,
  start: number | undefined,
  end: number | undefined,
): boolean {
  return (start === undefined || timestamp >= start) && (end === undefined || timestamp < end);
}
