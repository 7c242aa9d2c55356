import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readGzipLines, readLines } from './read-segment';
import { temporaryDirectory } from '../../__tests__/temporary-directory';

function fileWith(content: string): string {
  const path = join(temporaryDirectory('lines-'), 'segment.jsonl');
  writeFileSync(path, content);
  return path;
}

describe('readLines', () => {
  const content = 'first line\nsecond — ünïcode line\n\nthird\npartial';

  it.each([1, 3, 7, 64, 4096])(
    'visits whole lines with their byte offsets whatever the chunk size (%i bytes)',
    async (chunkBytes) => {
      const path = fileWith(content);
      const seen: Array<[string, number]> = [];
      const end = await readLines(
        path,
        0,
        Buffer.byteLength(content),
        (line, offset) => seen.push([line, offset]),
        chunkBytes,
      );
      const second = Buffer.byteLength('first line\n');
      expect(seen).toEqual([
        ['first line', 0],
        ['second — ünïcode line', second],
        ['third', Buffer.byteLength('first line\nsecond — ünïcode line\n\n')],
      ]);
      expect(end).toBe(Buffer.byteLength(content) - 'partial'.length);
    },
  );

  it('starts reading at an offset', async () => {
    const path = fileWith('a\nb\nc\n');
    const seen: string[] = [];
    expect(await readLines(path, 2, 6, (line) => seen.push(line))).toBe(6);
    expect(seen).toEqual(['b', 'c']);
  });
});

describe('readGzipLines', () => {
  it('visits the lines of a compressed segment', async () => {
    const path = fileWith('');
    const seen: string[] = [];
    await readGzipLines(path, gzipSync('x\ny\n'), (line) => seen.push(line));
    expect(seen).toEqual(['x', 'y']);
  });

  it('names the file when it is not gzip', async () => {
    await expect(
      readGzipLines('/ledger/bad.jsonl.gz', Buffer.from('plain'), () => undefined),
    ).rejects.toThrow('/ledger/bad.jsonl.gz');
  });
});
