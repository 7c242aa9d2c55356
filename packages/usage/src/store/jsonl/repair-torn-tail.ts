import { open, truncate, writeFile } from 'node:fs/promises';
import { TORN_SUFFIX } from './segment-name';
import type { TornLineReport } from '../usage-store';

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
