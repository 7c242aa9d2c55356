export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** Start of the UTC hour holding `time` (epoch ms). The ledger buckets by UTC hour and day. */
export function hourStart(time: number): number {
  return Math.floor(time / HOUR_MS) * HOUR_MS;
}

export function dayStart(time: number): number {
  return Math.floor(time / DAY_MS) * DAY_MS;
}

/** `YYYY-MM-DD` of the UTC day holding `time`. */
export function dayKey(time: number): string {
  return new Date(dayStart(time)).toISOString().slice(0, 10);
}

/** Epoch ms of the start of a `YYYY-MM-DD` UTC day. */
export function parseDayKey(key: string): number {
  return Date.parse(`${key}T00:00:00.000Z`);
}

/** `YYYY-MM-DDTHH:00Z` of the UTC hour holding `time`. */
export function hourKey(time: number): string {
  return `${new Date(hourStart(time)).toISOString().slice(0, 13)}:00Z`;
}

export function monthStart(time: number): number {
  const date = new Date(time);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
}

export function nextMonthStart(time: number): number {
  const date = new Date(time);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
}
