import { open, readFile, rename, unlink } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { SegmentIndex } from '../../ledger/segment-index';
import { indexFileFor, writeSegmentIndexFile } from './segment-index-file';

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
