import { readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { SegmentIndex, type SegmentIndexJson } from '../../ledger/segment-index';
import { INDEX_SUFFIX } from './segment-name';

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
