import { open } from 'node:fs/promises';
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';

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
    throw new Error(`${path}: not a readable gzip segment`, { cause: error });
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
