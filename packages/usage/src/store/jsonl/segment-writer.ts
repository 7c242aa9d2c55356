// Writing segments: batches encoded as JSON lines, split by UTC day, appended one write() at a time.
import { closeSync, fdatasyncSync, fstatSync, ftruncateSync, openSync, writeSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { segmentFileName } from './segment-files';
import type { UsageRecord } from '@llm/core';
import { DAY_MS, dayKey } from '../../ledger/utc-time';

interface OpenSegment {
  handle: FileHandle;
  /** Bytes in the file: only this process writes it, so this is exact. */
  size: number;
}

/**
 * Appends to this process's segment files. Each batch is one `write()` on an O_APPEND descriptor
 * (repeated only if the kernel writes less); if a write fails part-way, the file is cut back to its
 * last whole batch so a later retry can never leave a half line in the middle of a segment.
 */
export class SegmentWriter {
  private readonly open = new Map<string, OpenSegment>();

  constructor(
    private readonly directory: string,
    readonly writerId: string,
  ) {}

  fileFor(day: string): string {
    return segmentFileName(day, this.writerId);
  }

  /** Appends `data` to the segment of `day`; returns the file size before the write. */
  async write(day: string, data: Buffer, options: { sync: boolean }): Promise<number> {
    const segment = await this.segmentFor(day, options.sync);
    const before = segment.size;
    try {
      for (let written = 0; written < data.length;) {
        const { bytesWritten } = await segment.handle.write(data, written, data.length - written);
        written += bytesWritten;
      }
      if (options.sync) await segment.handle.datasync();
    } catch (error) {
      await segment.handle.truncate(before).catch(() => undefined);
      throw error;
    }
    segment.size = before + data.length;
    return before;
  }

  /** The same for exit and signal handlers, where only synchronous I/O runs to completion. */
  writeSync(day: string, data: Buffer, options: { sync: boolean }): number {
    const path = join(this.directory, this.fileFor(day));
    const descriptor = openSync(path, 'a');
    try {
      const before = fstatSync(descriptor).size;
      try {
        for (let written = 0; written < data.length;)
          written += writeSync(descriptor, data, written, data.length - written);
        if (options.sync) fdatasyncSync(descriptor);
      } catch (error) {
        ftruncateSync(descriptor, before);
        throw error;
      }
      const segment = this.open.get(day);
      if (segment) segment.size = before + data.length;
      return before;
    } finally {
      closeSync(descriptor);
    }
  }

  /** Closes the descriptor of one day (before its segment is archived or deleted). */
  async closeDay(day: string): Promise<void> {
    const segment = this.open.get(day);
    this.open.delete(day);
    await segment?.handle.close();
  }

  async close(): Promise<void> {
    for (const day of [...this.open.keys()]) await this.closeDay(day);
  }

  private async segmentFor(day: string, sync: boolean): Promise<OpenSegment> {
    const existing = this.open.get(day);
    if (existing) return existing;
    // Records go to the day they started on; older days rarely get another, so keep at most two open.
    if (this.open.size >= 2) await this.closeDay([...this.open.keys()].sort()[0]!);
    const handle = await open(join(this.directory, this.fileFor(day)), 'a');
    const { size } = await handle.stat();
    // A new file's directory entry must be durable too before a sync append counts as done.
    if (sync && size === 0) await syncDirectory(this.directory);
    const segment = { handle, size };
    this.open.set(day, segment);
    return segment;
  }
}

async function syncDirectory(directory: string): Promise<void> {
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

const NEWLINE = 0x0a;
const INITIAL_BYTES = 1 << 20;

/**
 * Encodes batches of records as JSON lines into one buffer, for one write(). Lines are encoded
 * straight into a buffer sized for the worst case (3 UTF-8 bytes per UTF-16 unit) instead of first
 * concatenating one large string, and that buffer is reused while no write holds it: serialization
 * is most of the cost of a batched write.
 */
export class LineEncoder {
  private scratch = Buffer.allocUnsafeSlow(INITIAL_BYTES);
  private inUse = false;

  /** The encoded lines; call `release` once the write that uses them has finished. */
  encode(records: readonly UsageRecord[]): Buffer {
    const lines = new Array<string>(records.length);
    let units = 0;
    for (let index = 0; index < records.length; index++) {
      const line = JSON.stringify(records[index]);
      lines[index] = line;
      units += line.length;
    }
    const worstCase = units * 3 + records.length;
    let target: Buffer;
    if (this.inUse) target = Buffer.allocUnsafeSlow(worstCase);
    else {
      if (this.scratch.length < worstCase)
        this.scratch = Buffer.allocUnsafeSlow(Math.max(worstCase, this.scratch.length * 2));
      this.inUse = true;
      target = this.scratch;
    }
    let offset = 0;
    for (const line of lines) {
      offset += target.write(line, offset, 'utf8');
      target[offset++] = NEWLINE;
    }
    return target.subarray(0, offset);
  }

  release(buffer: Buffer): void {
    if (buffer.buffer === this.scratch.buffer) this.inUse = false;
  }
}

/** Encodes one batch into a buffer of its own. */
export function encodeLines(records: readonly UsageRecord[]): Buffer {
  return Buffer.from(new LineEncoder().encode(records));
}

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

/** Runs tasks one at a time per key (a segment's writes, refreshes and archiving never overlap). */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Resolves once every task queued so far has finished. */
  async idle(): Promise<void> {
    while (this.tails.size > 0) await Promise.all([...this.tails.values()]);
  }
}
