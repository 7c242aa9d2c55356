// Reading a segment: whole lines (plain or gzip), torn tails of crashed writers, line → record.
import { open, truncate, writeFile } from 'node:fs/promises';
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import { TORN_SUFFIX } from './segment-files';
import type { TornLineReport } from '../usage-store';
import { LLMError, type UsageRecord } from '@llm/core';

const CHUNK_BYTES = 4 * 1024 * 1024;
const NEWLINE = 0x0a;
const gunzipAsync = promisify(gunzip);

export type LineVisitor = (line: string, offset: number) => void;

/**
 * Calls `visit` for each whole line (ending in `\n`) in bytes [start, end) of a file, reading in 4 MB
 * chunks. Returns the offset just past the last whole line: bytes after it are an unfinished (or
 * torn) line that is not visited.
 */
export async function readLines(
  path: string,
  start: number,
  end: number,
  visit: LineVisitor,
  chunkBytes = CHUNK_BYTES,
): Promise<number> {
  const handle = await open(path, 'r');
  try {
    const chunk = Buffer.allocUnsafe(Math.min(chunkBytes, Math.max(1, end - start)));
    let position = start;
    let wholeLinesEnd = start;
    let carry: Buffer | undefined;
    while (position < end) {
      const { bytesRead } = await handle.read(
        chunk,
        0,
        Math.min(chunk.length, end - position),
        position,
      );
      if (bytesRead === 0) break;
      position += bytesRead;
      const data = carry
        ? Buffer.concat([carry, chunk.subarray(0, bytesRead)])
        : chunk.subarray(0, bytesRead);
      const dataOffset = wholeLinesEnd;
      const consumed = visitWholeLines(data, dataOffset, visit);
      wholeLinesEnd = dataOffset + consumed;
      carry = consumed < data.length ? Buffer.from(data.subarray(consumed)) : undefined;
    }
    return wholeLinesEnd;
  } finally {
    await handle.close();
  }
}

/** Visits the whole lines of a gzip-compressed segment. */
export async function readGzipLines(
  path: string,
  compressed: Buffer,
  visit: LineVisitor,
): Promise<number> {
  const data = await gunzipAsync(compressed).catch((error: unknown) => {
    throw new LLMError({
      type: 'unknown',
      retryable: false,
      message: `${path}: not a readable gzip segment`,
      cause: error,
    });
  });
  return visitWholeLines(data, 0, visit);
}

/** Returns how many bytes of `data` the whole lines took. */
function visitWholeLines(data: Buffer, dataOffset: number, visit: LineVisitor): number {
  let lineStart = 0;
  for (
    let newline = data.indexOf(NEWLINE);
    newline !== -1;
    newline = data.indexOf(NEWLINE, lineStart)
  ) {
    if (newline > lineStart)
      visit(data.toString('utf8', lineStart, newline), dataOffset + lineStart);
    lineStart = newline + 1;
  }
  return lineStart;
}

/** Whether a segment's last byte is not a newline (cheap: one byte is read). */
export async function endsInTornLine(path: string): Promise<boolean> {
  const handle = await open(path, 'r').catch(() => undefined);
  if (!handle) return false;
  try {
    const { size } = await handle.stat();
    if (size === 0) return false;
    const last = Buffer.alloc(1);
    await handle.read(last, 0, 1, size - 1);
    return last[0] !== 0x0a;
  } finally {
    await handle.close();
  }
}

/**
 * Moves the bytes after a dead writer's last whole line to `<segment>.torn-<offset>` and cuts the
 * segment back to that line. The torn bytes were never a whole record, so no acknowledged record is
 * lost; keeping them aside leaves the segment clean for every later reader. Repeating the repair (two
 * processes finding the same tail) writes the same file and cuts at the same place.
 */
export async function repairTornTail(
  path: string,
  wholeLinesEnd: number,
  size: number,
): Promise<TornLineReport> {
  const length = size - wholeLinesEnd;
  const torn = Buffer.alloc(length);
  const handle = await open(path, 'r');
  try {
    await handle.read(torn, 0, length, wholeLinesEnd);
  } finally {
    await handle.close();
  }
  const quarantinedTo = `${path}${TORN_SUFFIX}${wholeLinesEnd}`;
  await writeFile(quarantinedTo, torn);
  await truncate(path, wholeLinesEnd);
  return { file: path, offset: wholeLinesEnd, length, quarantinedTo };
}

const isCount = (value: unknown) =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0;

/**
 * A ledger line as a record, or the reason it is not one. The check is structural and cheap (the
 * writer validated the record); it guards summaries against foreign or damaged lines.
 */
export function parseUsageLine(line: string): UsageRecord | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return 'not valid JSON';
  }
  if (typeof value !== 'object' || value === null) return 'not a JSON object';
  const record = value as Record<string, unknown>;
  if (typeof record.model_name !== 'string' || typeof record.provider_name !== 'string')
    return 'missing model_name or provider_name';
  if (typeof record.timestamp !== 'number' || !Number.isFinite(record.timestamp))
    return 'missing timestamp';
  if (typeof record.success !== 'boolean') return 'missing success';
  if (
    !isCount(record.prompt_tokens) ||
    !isCount(record.completion_tokens) ||
    !isCount(record.total_tokens)
  )
    return 'missing token counts';
  if (!isCount(record.response_time)) return 'missing response_time';
  return value as UsageRecord;
}
