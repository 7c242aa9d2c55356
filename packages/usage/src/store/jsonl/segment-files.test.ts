import { describe, expect, it } from 'vitest';
import {
  dayOfCompanionFile,
  newWriterIdentity,
  parseSegmentName,
  segmentFileName,
  isWriterAlive,
} from './segment-files';

describe('segment names', () => {
  it('round-trips the day and the writer of a segment name', () => {
    const writer = newWriterIdentity();
    const name = segmentFileName('2026-07-24', writer.id);
    expect(parseSegmentName(name)).toEqual({
      file: name,
      day: '2026-07-24',
      id: writer.id,
      host: writer.host,
      pid: process.pid,
      archived: false,
    });
    expect(parseSegmentName(`${name}.gz`)?.archived).toBe(true);
  });

  it('gives each writer a different id even within one process', () => {
    expect(newWriterIdentity().id).not.toBe(newWriterIdentity().id);
  });

  it('ignores files that are not segments', () => {
    expect(parseSegmentName('notes.txt')).toBeUndefined();
    expect(parseSegmentName('2026-07-24.host-1-ab.jsonl.index.json')).toBeUndefined();
  });

  it('finds the day of index and quarantine files', () => {
    expect(dayOfCompanionFile('2026-07-24.host-1-ab.jsonl.index.json')).toBe('2026-07-24');
    expect(dayOfCompanionFile('2026-07-24.host-1-ab.jsonl.torn-120')).toBe('2026-07-24');
    expect(dayOfCompanionFile('2026-07-24.host-1-ab.jsonl')).toBeUndefined();
  });
});

describe('isWriterAlive', () => {
  const now = Date.now();
  const host = newWriterIdentity().host;

  it('takes a running process on this host as alive and our own pid under another id as a previous run', () => {
    expect(
      isWriterAlive(
        { id: `${host}-${process.ppid}-aa`, host, pid: process.ppid },
        'mine',
        now,
        now,
      ),
    ).toBe(true);
    expect(
      isWriterAlive({ id: `${host}-${process.pid}-bb`, host, pid: process.pid }, 'mine', now, now),
    ).toBe(false);
  });

  it('takes a writer on another host as alive until its segment has been silent for ten minutes', () => {
    const foreign = { id: 'elsewhere-1-cc', host: 'elsewhere', pid: 1 };
    expect(isWriterAlive(foreign, 'mine', now - 60_000, now)).toBe(true);
    expect(isWriterAlive(foreign, 'mine', now - 11 * 60_000, now)).toBe(false);
  });
});
