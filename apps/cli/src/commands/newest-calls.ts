// The newest calls in a usage ledger, read newest day first: `llm logs` stops reading once it has
// enough calls, so a large ledger costs the days it needs, not all of them.
import type { UsageRecord } from '@llm/core';
import type { UsageStore } from '@llm/usage';

const DAY_MS = 86_400_000;

/** How far back each successive read reaches: a day, a week, a month, a year, then everything. */
const LOOK_BACK_DAYS = [1, 7, 30, 365, Number.POSITIVE_INFINITY];

export interface NewestCallsQuery {
  /** How many calls, newest first. */
  count: number;
  /** Nothing older than this (epoch ms). */
  start?: number;
  /** Which records count (the default: every record). */
  accept?: (record: UsageRecord) => boolean;
  /** Now, epoch ms (injected by tests). */
  now: number;
}

/** The newest `count` accepted records, newest first, reading disjoint windows from now back. */
export async function newestCalls(
  store: Pick<UsageStore, 'forEachRecord'>,
  query: NewestCallsQuery,
): Promise<UsageRecord[]> {
  const { count, start, accept } = query;
  let kept: UsageRecord[] = [];
  const keepNewest = () => {
    kept.sort((a, b) => b.timestamp - a.timestamp);
    if (kept.length > count) kept = kept.slice(0, count);
  };
  let end: number | undefined;
  for (const days of LOOK_BACK_DAYS) {
    const reach = query.now - days * DAY_MS;
    const from =
      start !== undefined && !(start < reach) ? start : Number.isFinite(reach) ? reach : start;
    await store.forEachRecord({ start: from, end }, (record) => {
      if (accept !== undefined && !accept(record)) return;
      kept.push(record);
      // Bounded memory on a busy day: trim whenever twice the wanted number piled up.
      if (kept.length >= 2 * count) keepNewest();
    });
    keepNewest();
    // Windows are disjoint and newer ones come first: once enough are kept, older ones cannot win.
    if (kept.length >= count || from === start) break;
    end = from;
  }
  return kept;
}
