import { readdir } from 'node:fs/promises';
import { parseSegmentName, type SegmentName } from './segment-name';

export interface DayRange {
  /** Inclusive `YYYY-MM-DD` bounds; either may be open. */
  first?: string;
  last?: string;
}

/**
 * The segments of a ledger directory whose day lies in `range`, oldest first. When an interrupted
 * archive left both `X.jsonl` and `X.jsonl.gz`, only the archive counts (it is complete: it was
 * renamed into place after being fsync'd).
 */
export async function listSegments(
  directory: string,
  range: DayRange = {},
): Promise<SegmentName[]> {
  const names = await readdir(directory).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  const segments = new Map<string, SegmentName>();
  for (const file of names) {
    const segment = parseSegmentName(file);
    if (!segment) continue;
    if (
      (range.first !== undefined && segment.day < range.first) ||
      (range.last !== undefined && segment.day > range.last)
    )
      continue;
    const plainName = segment.archived ? file.slice(0, -'.gz'.length) : file;
    const existing = segments.get(plainName);
    if (!existing || segment.archived) segments.set(plainName, segment);
  }
  return [...segments.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** Plain segments superseded by an archive of the same name (left by an interrupted archive). */
export async function listSupersededSegments(directory: string): Promise<string[]> {
  const names = new Set(await readdir(directory).catch(() => [] as string[]));
  return [...names].filter(
    (file) => parseSegmentName(file)?.archived === false && names.has(`${file}.gz`),
  );
}
