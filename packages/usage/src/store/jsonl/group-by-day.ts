import type { UsageRecord } from '@llm/core';
import { DAY_MS, dayKey } from '../../ledger/utc-time';

/** Records by the UTC day (`YYYY-MM-DD`) they started on, in their order. */
export function groupByDay(records: readonly UsageRecord[]): Map<string, UsageRecord[]> {
  const days = new Map<string, UsageRecord[]>();
  let lastDayNumber = Number.NaN;
  let lastList: UsageRecord[] = [];
  for (const record of records) {
    const dayNumber = Math.floor(record.timestamp / DAY_MS);
    if (dayNumber !== lastDayNumber) {
      lastDayNumber = dayNumber;
      const day = dayKey(record.timestamp);
      lastList = days.get(day) ?? [];
      days.set(day, lastList);
    }
    lastList.push(record);
  }
  return days;
}
