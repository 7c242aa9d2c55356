import { CommandLineError } from '../command';

const UNIT_MS: Readonly<Record<string, number>> = {
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/** `90d`, `12h`, `30m`, `2w` → milliseconds. */
export function parseDuration(text: string, option: string): number {
  const match = /^(\d+)([mhdw])$/.exec(text.trim());
  if (!match)
    throw new CommandLineError(
      `${option} takes a duration like 30m, 12h, 7d or 2w (got "${text}")`,
    );
  return Number(match[1]) * UNIT_MS[match[2]!]!;
}

/** A point in time: a duration ago (`7d`), or an ISO date/time (`2026-01-31`, `2026-01-31T12:00Z`). */
export function parseTimePoint(text: string, option: string, now: number): number {
  if (/^\d+[mhdw]$/.test(text.trim())) return now - parseDuration(text, option);
  const parsed = Date.parse(text);
  if (Number.isNaN(parsed))
    throw new CommandLineError(
      `${option} takes a duration (7d) or a date (2026-01-31), got "${text}"`,
    );
  return parsed;
}
