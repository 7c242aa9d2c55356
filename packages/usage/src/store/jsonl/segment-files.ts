// The files of a JSONL ledger directory: segment names, listing, writer liveness, saved indexes, archives.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import {
  closeSync,
  existsSync,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  statSync,
} from 'node:fs';
import { join } from 'node:path';
import { readdir, readFile, rename, unlink, writeFile, open } from 'node:fs/promises';
import { SegmentIndex, type SegmentIndexJson } from '../../ledger/usage-rollups';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

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

/** A segment from another host whose file has not changed for this long is taken as abandoned. */
const FOREIGN_WRITER_SILENCE_MS = 10 * 60_000;

/** Writer ids of the stores open in this process (they share our pid, so the pid cannot tell). */
const openWriters = new Set<string>();

/** Marks a writer of this process as running until the returned function is called (on close). */
export function registerOpenWriter(id: string): () => void {
  openWriters.add(id);
  return () => void openWriters.delete(id);
}

/**
 * Whether the process that owns a segment may still append to it. Same host: the pid is probed
 * (`kill(pid, 0)`); our own pid with an id no open store of this process has is a previous incarnation (containers reuse pid 1).
 * Another host sharing the directory cannot be probed: its segment counts as live until it has been
 * silent for ten minutes.
 */
export function isWriterAlive(
  writer: WriterIdentity,
  ownId: string,
  modifiedAt: number,
  now: number,
): boolean {
  if (writer.id === ownId || openWriters.has(writer.id)) return true;
  if (writer.host !== localHostLabel()) return now - modifiedAt < FOREIGN_WRITER_SILENCE_MS;
  if (writer.pid === process.pid) return false;
  try {
    process.kill(writer.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function indexFileFor(segmentPath: string): string {
  return `${segmentPath}${INDEX_SUFFIX}`;
}

/** The saved rollups of a segment, or undefined when there are none (or they cannot be read). */
export async function readSegmentIndexFile(segmentPath: string): Promise<SegmentIndex | undefined> {
  try {
    return SegmentIndex.fromJSON(
      JSON.parse(await readFile(indexFileFor(segmentPath), 'utf8')) as SegmentIndexJson,
    );
  } catch {
    return undefined;
  }
}

/**
 * Saves the rollups of a segment: written to a temporary file and renamed over the old one, so a
 * reader sees the old or the new index, never half of one. The index says how many bytes of the
 * segment it covers; readers scan anything after that.
 */
export async function writeSegmentIndexFile(
  segmentPath: string,
  index: SegmentIndex,
): Promise<void> {
  const target = indexFileFor(segmentPath);
  const temporary = `${target}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, JSON.stringify(index.toJSON()));
    await rename(temporary, target);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}

const gzipAsync = promisify(gzip);

/**
 * Compresses a sealed segment to `<segment>.gz`. Order makes it crash safe: the archive is written
 * and fsync'd under a temporary name, its index saved, the archive renamed into place, and only then
 * the original removed. A reader that finds both files uses the archive (see listSegments).
 */
export async function archiveSegment(segmentPath: string, index: SegmentIndex): Promise<string> {
  const archivePath = `${segmentPath}.gz`;
  const temporary = `${archivePath}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const compressed = await gzipAsync(await readFile(segmentPath));
    const handle = await open(temporary, 'w');
    try {
      await handle.writeFile(compressed);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await writeSegmentIndexFile(archivePath, index);
    await rename(temporary, archivePath);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  await unlink(segmentPath);
  await unlink(indexFileFor(segmentPath)).catch(() => undefined);
  return archivePath;
}

/**
 * Takes over a finished writer's segment of `day` as this process's own (`ownFile`), so that a
 * ledger written by many short processes (one per CLI call) keeps one growing segment per day
 * instead of one small file per process. Only segments of this host whose writer is gone and whose
 * last line is whole are taken. The segment is renamed, never copied: a rename is atomic, so when two
 * processes race for one segment exactly one gets it and no record is ever in two files. Its saved
 * index moves with it. Synchronous, so no signal handler's final flush can run between the check
 * that `ownFile` does not exist and the rename that would replace it.
 */
export function adoptFinishedSegmentSync(
  directory: string,
  day: string,
  own: WriterIdentity,
  ownFile: string,
  now: number,
): string | undefined {
  const ownPath = join(directory, ownFile);
  if (existsSync(ownPath)) return undefined;
  let names: string[];
  try {
    names = readdirSync(directory);
  } catch {
    return undefined;
  }
  const archived = new Set(names.filter((file) => file.endsWith('.gz')));
  for (const file of names) {
    const segment = parseSegmentName(file);
    if (!segment || segment.day !== day || segment.archived) continue;
    if (segment.id === own.id || segment.host !== own.host) continue;
    if (archived.has(`${file}.gz`)) continue;
    const path = join(directory, file);
    let modifiedAt: number;
    try {
      const info = statSync(path);
      if (info.size === 0 || endsInTornLineSync(path, info.size)) continue;
      modifiedAt = info.mtimeMs;
    } catch {
      continue;
    }
    if (isWriterAlive(segment, own.id, modifiedAt, now)) continue;
    try {
      renameSync(path, ownPath);
    } catch {
      continue; // another process took it first
    }
    try {
      renameSync(indexFileFor(path), indexFileFor(ownPath));
    } catch {
      // No saved index: the new owner scans the segment once.
    }
    return file;
  }
  return undefined;
}

function endsInTornLineSync(path: string, size: number): boolean {
  const descriptor = openSync(path, 'r');
  try {
    const last = Buffer.alloc(1);
    readSync(descriptor, last, 0, 1, size - 1);
    return last[0] !== 0x0a;
  } finally {
    closeSync(descriptor);
  }
}
