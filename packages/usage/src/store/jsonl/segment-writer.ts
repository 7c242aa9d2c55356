import { closeSync, fdatasyncSync, fstatSync, ftruncateSync, openSync, writeSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { segmentFileName } from './segment-name';

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
