import { localHostLabel, type WriterIdentity } from './segment-name';

/** A segment from another host whose file has not changed for this long is taken as abandoned. */
const FOREIGN_WRITER_SILENCE_MS = 10 * 60_000;

/**
 * Whether the process that owns a segment may still append to it. Same host: the pid is probed
 * (`kill(pid, 0)`); our own pid with another id is a previous incarnation (containers reuse pid 1).
 * Another host sharing the directory cannot be probed: its segment counts as live until it has been
 * silent for ten minutes.
 */
export function isWriterAlive(
  writer: WriterIdentity,
  ownId: string,
  modifiedAt: number,
  now: number,
): boolean {
  if (writer.id === ownId) return true;
  if (writer.host !== localHostLabel()) return now - modifiedAt < FOREIGN_WRITER_SILENCE_MS;
  if (writer.pid === process.pid) return false;
  try {
    process.kill(writer.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
