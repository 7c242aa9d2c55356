import { EventEmitter } from 'node:events';
import { mkdir, readdir, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { systemClock, type Clock, type TimeRange, type UsageRecord } from '@llm/core';
import { SegmentIndex, type UsageBucket } from '../../ledger/usage-rollups';
import { DAY_MS, dayKey, parseDayKey } from '../../ledger/utc-time';
import type {
  BucketQuery,
  CleanupOptions,
  CleanupResult,
  UsageStore,
  UsageStoreEvents,
} from '../usage-store';
import {
  archiveSegment,
  listSegments,
  listSupersededSegments,
  type DayRange,
  indexFileFor,
  readSegmentIndexFile,
  writeSegmentIndexFile,
  dayOfCompanionFile,
  newWriterIdentity,
  type SegmentName,
  isWriterAlive,
  adoptFinishedSegmentSync,
  registerOpenWriter,
} from './segment-files';
import { KeyedLock, encodeLines, LineEncoder, groupByDay, SegmentWriter } from './segment-writer';
import {
  parseUsageLine,
  readGzipLines,
  readLines,
  endsInTornLine,
  repairTornTail,
} from './read-segment';

export interface JsonlUsageStoreOptions {
  /** The ledger directory (`usage_data_dir`); created when missing. */
  directory: string;
  clock?: Clock;
  /** Save this process's rollups next to its segment every time it grew by this many bytes (default 8 MB). */
  indexSaveBytes?: number;
  /** Look for torn lines left by crashed writers as soon as the store opens (default true). */
  checkOnOpen?: boolean;
}

interface CachedSegment {
  index: SegmentIndex;
  /** Bytes covered by the index saved on disk (-1: none saved). */
  savedBytes: number;
  /** The index changed since it was last saved. */
  dirty: boolean;
}

/** Segments of a writer that crashed (or exited) this long ago may be archived even if its pid is reused. */
const SEALED_AFTER_MS = DAY_MS;
/** How often a query lists the directory again when segments vanish while it reads them. */
const MAX_LISTINGS = 5;

/**
 * The default ledger: append-only JSON-lines segments, one per UTC day per process, with hourly
 * rollups kept in memory and saved beside each segment. See the README for the file format and the
 * crash-safety argument.
 */
export class JsonlUsageStore extends EventEmitter<UsageStoreEvents> implements UsageStore {
  readonly kind = 'jsonl';
  readonly directory: string;
  private readonly clock: Clock;
  private readonly identity = newWriterIdentity();
  private readonly writer: SegmentWriter;
  private readonly encoder = new LineEncoder();
  private readonly cache = new Map<string, CachedSegment>();
  private readonly lock = new KeyedLock();
  private readonly tagKeys = new Set<string>();
  private readonly reportedTears = new Set<string>();
  private readonly indexSaveBytes: number;
  private readonly checkOnOpen: boolean;
  private opening: Promise<void> | undefined;
  private directoryReady: Promise<void> | undefined;
  /** Days this store has looked for a finished writer's segment to continue. */
  private readonly adoptionChecked = new Set<string>();
  private readonly unregisterWriter: () => void;

  constructor(options: JsonlUsageStoreOptions) {
    super();
    this.directory = options.directory;
    this.clock = options.clock ?? systemClock;
    this.indexSaveBytes = options.indexSaveBytes ?? 8 * 1024 * 1024;
    this.writer = new SegmentWriter(this.directory, this.identity.id);
    this.checkOnOpen = options.checkOnOpen ?? true;
    this.unregisterWriter = registerOpenWriter(this.identity.id);
    this.whenReady().catch(() => undefined);
  }

  /** This process's writer id (the middle part of its segment names). */
  get writerId(): string {
    return this.identity.id;
  }

  /**
   * Resolves once the directory exists and crashed writers' torn lines have been dealt with. If
   * opening failed (e.g. the directory cannot be created yet), the next call tries again.
   */
  whenReady(): Promise<void> {
    this.opening ??= this.open().catch((error: unknown) => {
      this.opening = undefined;
      throw error;
    });
    return this.opening;
  }

  async append(records: readonly UsageRecord[], options: { sync?: boolean } = {}): Promise<void> {
    await this.ensureDirectory();
    for (const [day, dayRecords] of groupByDay(records)) {
      const file = this.writer.fileFor(day);
      await this.lock.run(file, async () => {
        this.continueFinishedSegment(day);
        const data = this.encoder.encode(dayRecords);
        let before: number;
        try {
          before = await this.writer.write(day, data, { sync: options.sync ?? false });
        } finally {
          this.encoder.release(data);
        }
        // The records are stored: nothing after this line may fail the append (a retry would duplicate them).
        try {
          const entry = await this.ownEntry(file, before);
          for (const record of dayRecords) entry.index.add(record);
          entry.index.bytes = before + data.length;
          entry.dirty = true;
          if (entry.index.bytes - entry.savedBytes >= this.indexSaveBytes)
            await this.saveIndex(file, entry);
        } catch {
          this.cache.delete(file);
        }
      });
    }
  }

  appendSync(records: readonly UsageRecord[], options: { sync?: boolean } = {}): void {
    for (const [day, dayRecords] of groupByDay(records)) {
      const file = this.writer.fileFor(day);
      this.continueFinishedSegment(day);
      const data = encodeLines(dayRecords);
      const before = this.writer.writeSync(day, data, { sync: options.sync ?? false });
      const entry = this.cache.get(file);
      if (entry && entry.index.bytes === before) {
        for (const record of dayRecords) entry.index.add(record);
        entry.index.bytes = before + data.length;
      } else {
        this.cache.delete(file);
      }
    }
  }

  async forEachBucket(query: BucketQuery, visit: (bucket: UsageBucket) => void): Promise<void> {
    await this.whenReady();
    if (query.tagKey) this.tagKeys.add(query.tagKey);
    const range = {
      first: query.startHour === undefined ? undefined : dayKey(query.startHour),
      last: query.endHour === undefined ? undefined : dayKey(query.endHour - 1),
    };
    await this.eachSegment(range, async (segment) => {
      const index = await this.lock.run(segment.file, () => this.refresh(segment, query.tagKey));
      if (!index) return false;
      const buckets = query.tagKey ? index.tagBucketsFor(query.tagKey) : index.buckets;
      for (const bucket of buckets?.values() ?? []) {
        if (
          (query.startHour === undefined || bucket.hour >= query.startHour) &&
          (query.endHour === undefined || bucket.hour < query.endHour)
        )
          visit(bucket);
      }
      return true;
    });
  }

  async forEachRecord(range: TimeRange, visit: (record: UsageRecord) => void): Promise<void> {
    await this.whenReady();
    const days: DayRange = {
      first: range.start === undefined ? undefined : dayKey(range.start),
      last: range.end === undefined ? undefined : dayKey(range.end - 1),
    };
    const visitLine = (line: string) => {
      const record = parseUsageLine(line);
      if (typeof record === 'string') return;
      if (
        (range.start === undefined || record.timestamp >= range.start) &&
        (range.end === undefined || record.timestamp < range.end)
      )
        visit(record);
    };
    await this.eachSegment(days, async (segment) => {
      const path = join(this.directory, segment.file);
      try {
        if (segment.archived) await readGzipLines(path, await readFile(path), visitLine);
        else {
          const own = segment.id === this.identity.id ? this.cache.get(segment.file) : undefined;
          await readLines(path, 0, own ? own.index.bytes : (await stat(path)).size, visitLine);
        }
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        return false;
      }
    });
  }

  /**
   * Visits the segments of `range`. A segment that vanished between the listing and the visit
   * (archived, or continued by another process under its own name) is looked for again: the
   * directory is listed anew and the names not visited yet are visited.
   */
  private async eachSegment(
    range: DayRange,
    visit: (segment: SegmentName) => Promise<boolean>,
  ): Promise<void> {
    const visited = new Set<string>();
    for (let listing = 0; listing < MAX_LISTINGS; listing++) {
      let vanished = false;
      for (const segment of await listSegments(this.directory, range)) {
        if (visited.has(segment.file)) continue;
        visited.add(segment.file);
        if (!(await visit(segment))) {
          this.cache.delete(segment.file);
          vanished = true;
        }
      }
      if (!vanished) return;
    }
  }

  /**
   * Before this process writes its first record of today, it continues the segment of a writer
   * that has finished (see adoptFinishedSegmentSync): short-lived processes then share one segment
   * per day and summaries stay as fast as for one long-lived writer.
   */
  private continueFinishedSegment(day: string): void {
    if (this.adoptionChecked.has(day)) return;
    this.adoptionChecked.add(day);
    // Only today's segments: cleanup archives and deletes only earlier days, so it never races this.
    if (day !== dayKey(this.clock.now())) return;
    const adopted = adoptFinishedSegmentSync(
      this.directory,
      day,
      this.identity,
      this.writer.fileFor(day),
      this.clock.now(),
    );
    if (adopted) this.cache.delete(adopted);
  }

  async cleanup(options: CleanupOptions): Promise<CleanupResult> {
    await this.whenReady();
    const today = parseDayKey(dayKey(options.now));
    const deleteBefore = dayKey(today - options.retentionDays * DAY_MS);
    const archiveBefore =
      options.archiveAfterDays === undefined
        ? undefined
        : dayKey(today - options.archiveAfterDays * DAY_MS);
    const result: CleanupResult = { deletedRecords: 0, deletedSegments: 0, archivedSegments: 0 };
    for (const file of await listSupersededSegments(this.directory))
      await this.removeSegmentFile(file);
    for (const segment of await listSegments(this.directory)) {
      if (segment.day < deleteBefore) {
        result.deletedRecords += await this.lock.run(segment.file, async () => {
          const records = (await this.refresh(segment))?.records ?? 0;
          if (segment.id === this.identity.id) await this.writer.closeDay(segment.day);
          await this.removeSegmentFile(segment.file);
          return records;
        });
        result.deletedSegments += 1;
      } else if (
        archiveBefore !== undefined &&
        segment.day < archiveBefore &&
        !segment.archived &&
        (await this.isSealed(segment))
      ) {
        await this.lock.run(segment.file, async () => {
          const index = await this.refresh(segment);
          if (!index) return;
          await archiveSegment(join(this.directory, segment.file), index);
          this.cache.delete(segment.file);
        });
        result.archivedSegments += 1;
      }
    }
    await this.removeCompanionFilesBefore(deleteBefore);
    return result;
  }

  async close(): Promise<void> {
    await this.whenReady().catch(() => undefined);
    await this.lock.idle();
    for (const [file, entry] of this.cache) {
      if (file.includes(this.identity.id) && entry.dirty)
        await this.saveIndex(file, entry).catch(() => undefined);
    }
    await this.writer.close();
    this.unregisterWriter();
  }

  private async open(): Promise<void> {
    await this.ensureDirectory();
    if (!this.checkOnOpen) return;
    for (const segment of await listSegments(this.directory)) {
      if (
        !segment.archived &&
        segment.id !== this.identity.id &&
        (await endsInTornLine(join(this.directory, segment.file)))
      ) {
        await this.lock.run(segment.file, () => this.refresh(segment));
      }
    }
  }

  /** Appends only need the directory; they never wait for the look at other writers' segments. */
  private ensureDirectory(): Promise<void> {
    this.directoryReady ??= mkdir(this.directory, { recursive: true }).then(
      () => undefined,
      (error: unknown) => {
        this.directoryReady = undefined;
        throw error;
      },
    );
    return this.directoryReady;
  }

  /** This process's index of one of its segments, caught up with the file's first `size` bytes. */
  private async ownEntry(file: string, size: number): Promise<CachedSegment> {
    const path = join(this.directory, file);
    let entry = this.cache.get(file);
    if (!entry) {
      // A continued segment brings the index its previous writer saved.
      const saved = size > 0 ? await readSegmentIndexFile(path) : undefined;
      const usable =
        saved && saved.bytes <= size && [...this.tagKeys].every((key) => saved.hasTag(key));
      entry = usable
        ? { index: saved, savedBytes: saved.bytes, dirty: false }
        : { index: new SegmentIndex(this.tagKeys), savedBytes: -1, dirty: false };
      this.cache.set(file, entry);
    }
    if (entry.index.bytes > size) entry.index = new SegmentIndex(entry.index.tagKeys());
    if (entry.index.bytes < size) {
      entry.index.bytes = await this.scan(path, entry.index.bytes, size, entry.index);
      entry.dirty = true;
    }
    return entry;
  }

  /**
   * Brings the index of a segment up to date with its file: loads the saved index, reads only the
   * bytes written since, and repairs a torn last line when the segment's writer is gone. Undefined
   * when the segment is no longer there (archived or continued by another process meanwhile).
   */
  private async refresh(segment: SegmentName, tagKey?: string): Promise<SegmentIndex | undefined> {
    const path = join(this.directory, segment.file);
    let entry = this.cache.get(segment.file);
    if (!entry) {
      const saved = await readSegmentIndexFile(path);
      entry = {
        index: saved ?? new SegmentIndex(this.tagKeys),
        savedBytes: saved?.bytes ?? -1,
        dirty: false,
      };
      this.cache.set(segment.file, entry);
    }
    if (tagKey && !entry.index.hasTag(tagKey)) {
      entry.index = new SegmentIndex([...entry.index.tagKeys(), tagKey]);
      entry.dirty = true;
    }
    if (segment.archived) {
      if (entry.dirty || entry.savedBytes < 0) await this.rebuildArchived(path, entry);
      return entry.index;
    }
    const info = await stat(path).catch(() => undefined);
    if (!info) return this.forget(segment.file);
    if (info.size < entry.index.bytes) entry.index = new SegmentIndex(entry.index.tagKeys());
    if (info.size > entry.index.bytes) {
      try {
        entry.index.bytes = await this.scan(path, entry.index.bytes, info.size, entry.index);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return this.forget(segment.file);
        throw error;
      }
      entry.dirty = true;
    }
    const alive =
      segment.id === this.identity.id ||
      isWriterAlive(segment, this.identity.id, info.mtimeMs, this.clock.now());
    if (!alive && entry.index.bytes < info.size)
      await this.reportTear(await repairTornTail(path, entry.index.bytes, info.size));
    // A finished writer's segment never changes again: its index is saved once for every later reader.
    if (!alive && entry.dirty) await this.saveIndex(segment.file, entry).catch(() => undefined);
    return entry.index;
  }

  private forget(file: string): undefined {
    this.cache.delete(file);
    return undefined;
  }

  private async rebuildArchived(path: string, entry: CachedSegment): Promise<void> {
    const index = new SegmentIndex(entry.index.tagKeys());
    index.bytes = await readGzipLines(path, await readFile(path), (line, offset) =>
      this.foldLine(path, line, offset, index),
    );
    entry.index = index;
    await this.saveIndex(path.slice(this.directory.length + 1), entry).catch(() => undefined);
  }

  private scan(path: string, start: number, end: number, index: SegmentIndex): Promise<number> {
    return readLines(path, start, end, (line, offset) => this.foldLine(path, line, offset, index));
  }

  private foldLine(path: string, line: string, offset: number, index: SegmentIndex): void {
    const record = parseUsageLine(line);
    if (typeof record === 'string')
      this.emit('corrupt-line', { file: path, offset, reason: record });
    else index.add(record);
  }

  private async reportTear(report: {
    file: string;
    offset: number;
    length: number;
    quarantinedTo?: string;
  }): Promise<void> {
    const key = `${report.file}:${report.offset}`;
    if (this.reportedTears.has(key)) return;
    this.reportedTears.add(key);
    this.emit('torn-line', report);
  }

  private async saveIndex(file: string, entry: CachedSegment): Promise<void> {
    await writeSegmentIndexFile(join(this.directory, file), entry.index);
    entry.savedBytes = entry.index.bytes;
    entry.dirty = false;
  }

  private async isSealed(segment: SegmentName): Promise<boolean> {
    if (segment.id === this.identity.id) return false;
    const info = await stat(join(this.directory, segment.file)).catch(() => undefined);
    if (!info) return false;
    const now = this.clock.now();
    return (
      now - info.mtimeMs > SEALED_AFTER_MS ||
      !isWriterAlive(segment, this.identity.id, info.mtimeMs, now)
    );
  }

  private async removeSegmentFile(file: string): Promise<void> {
    const path = join(this.directory, file);
    await unlink(path).catch(() => undefined);
    await unlink(indexFileFor(path)).catch(() => undefined);
    this.cache.delete(file);
  }

  /** Quarantined torn lines and orphaned indexes of deleted days. */
  private async removeCompanionFilesBefore(day: string): Promise<void> {
    for (const file of await readdir(this.directory)) {
      const companionDay = dayOfCompanionFile(file);
      if (companionDay !== undefined && companionDay < day)
        await unlink(join(this.directory, file)).catch(() => undefined);
    }
  }
}
