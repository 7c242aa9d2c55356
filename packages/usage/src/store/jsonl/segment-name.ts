import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/**
 * Segment files are `YYYY-MM-DD.<host>-<pid>-<random>.jsonl` (`.jsonl.gz` once archived): one per UTC
 * day per writing process, so no two processes ever append to the same file.
 */
const SEGMENT_NAME = /^(\d{4}-\d{2}-\d{2})\.(([A-Za-z0-9_]+)-(\d+)-([0-9a-f]+))\.jsonl(\.gz)?$/;
export const INDEX_SUFFIX = '.index.json';
export const TORN_SUFFIX = '.torn-';

export interface WriterIdentity {
  /** `<host>-<pid>-<random>`. */
  id: string;
  host: string;
  pid: number;
}

export interface SegmentName extends WriterIdentity {
  file: string;
  day: string;
  archived: boolean;
}

export function localHostLabel(): string {
  return (
    hostname()
      .replace(/[^A-Za-z0-9_]/g, '_')
      .slice(0, 40) || 'host'
  );
}

export function newWriterIdentity(): WriterIdentity {
  const host = localHostLabel();
  const random = randomBytes(4).toString('hex');
  return { id: `${host}-${process.pid}-${random}`, host, pid: process.pid };
}

export function segmentFileName(day: string, writerId: string): string {
  return `${day}.${writerId}.jsonl`;
}

export function parseSegmentName(file: string): SegmentName | undefined {
  const match = SEGMENT_NAME.exec(file);
  if (!match) return undefined;
  return {
    file,
    day: match[1]!,
    id: match[2]!,
    host: match[3]!,
    pid: Number(match[4]),
    archived: match[6] !== undefined,
  };
}

/** The day a sidecar (`.index.json`) or quarantine (`.torn-<offset>`) file belongs to. */
export function dayOfCompanionFile(file: string): string | undefined {
  const base = file.endsWith(INDEX_SUFFIX)
    ? file.slice(0, -INDEX_SUFFIX.length)
    : file.includes(TORN_SUFFIX)
      ? file.slice(0, file.indexOf(TORN_SUFFIX))
      : undefined;
  return base === undefined ? undefined : parseSegmentName(base)?.day;
}
