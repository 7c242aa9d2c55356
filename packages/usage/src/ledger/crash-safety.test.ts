import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { UsageRecord } from '@llm/core';
import type { JsonlUsageStore } from '../store/jsonl/jsonl-usage-store';
import type { TornLineReport } from '../store/usage-store';
import { startLedgerWriter } from '../__tests__/run-ledger-writer';
import { createUsageTracker } from './usage-tracker';

const directories: string[] = [];
function newDirectory(prefix: string): string {
  const directory = mkdtempSync(join(tmpdir(), prefix));
  directories.push(directory);
  return directory;
}
afterAll(() => {
  for (const directory of directories) rmSync(directory, { recursive: true, force: true });
});

async function readLedger(directory: string) {
  const tracker = createUsageTracker({ dataDir: directory, flushOnExit: false });
  const tears: TornLineReport[] = [];
  tracker.on('torn-line', (report) => tears.push(report));
  await (tracker.store as JsonlUsageStore).whenReady();
  const records = JSON.parse(await tracker.exportUsage('json')) as UsageRecord[];
  return { tracker, tears, records };
}

describe('crash safety of the JSONL ledger', () => {
  it(
    'keeps every acknowledged record of a sync-mode writer killed with SIGKILL at random moments, 20 times',
    { timeout: 60_000 },
    async () => {
      const directory = newDirectory('crash-');
      const acknowledged = new Set<string>();
      for (let round = 0; round < 20; round++) {
        const writer = startLedgerWriter({
          LEDGER_DIR: directory,
          DURABILITY: 'sync',
          PREFIX: `round${round}`,
        });
        await writer.waitFor(/^ready$/);
        await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 60));
        writer.child.kill('SIGKILL');
        expect((await writer.exited).signal).toBe('SIGKILL');
        for (const line of writer.lines)
          if (line.startsWith('ack ')) acknowledged.add(line.slice(4));

        // A kill between the bytes of one write() cannot happen for a small batch on Linux, so the
        // half line a crash in mid-write (or a power cut) leaves is put there by hand.
        const segment = readdirSync(directory).find(
          (file) => file.includes(`-${writer.child.pid}-`) && file.endsWith('.jsonl'),
        );
        const tornPath = segment ? join(directory, segment) : undefined;
        if (tornPath)
          appendFileSync(
            tornPath,
            `{"model_name":"gpt-4o","request_id":"round${round}-torn","prom`,
          );

        const { tracker, tears, records } = await readLedger(directory);
        const ids = records.map((record) => record.request_id);
        expect(new Set(ids).size).toBe(ids.length);
        for (const id of acknowledged) expect(ids).toContain(id);
        if (tornPath) {
          expect(tears.map((tear) => tear.file)).toContain(tornPath);
          expect(readFileSync(tornPath, 'utf8')).toMatch(/(^|\n)$/); // cut back to its last whole line (or to empty)
        }
        await tracker.close();
      }
      expect(acknowledged.size).toBeGreaterThan(20);

      const { tracker, records } = await readLedger(directory);
      await tracker.recordUsage({ ...records[0]!, request_id: 'after-the-crashes' });
      const [summary] = await tracker.getUsageSummary({ group_by: 'none' });
      expect(summary!.total_requests).toBe(records.length + 1);
      expect(
        (JSON.parse(await tracker.exportUsage('json')) as UsageRecord[]).map(
          (record) => record.request_id,
        ),
      ).toContain('after-the-crashes');
      await tracker.close();
    },
  );

  it(
    'loses no record when four processes append to the same directory at once',
    { timeout: 30_000 },
    async () => {
      const directory = newDirectory('concurrent-');
      const writers = ['a', 'b', 'c', 'd'].map((prefix, index) =>
        startLedgerWriter({
          LEDGER_DIR: directory,
          DURABILITY: index % 2 === 0 ? 'batched' : 'sync',
          PREFIX: prefix,
          COUNT: index % 2 === 0 ? '20000' : '500',
          BATCH_SIZE: '100',
        }),
      );
      for (const writer of writers) expect((await writer.exited).code).toBe(0);
      const { tracker, records } = await readLedger(directory);
      const ids = new Set(records.map((record) => record.request_id));
      expect(ids.size).toBe(41_000);
      expect(records).toHaveLength(41_000);
      const byWriter = await tracker.getUsageSummary({ group_by: 'tag:writer' });
      expect(byWriter.map((summary) => [summary.group, summary.total_requests])).toEqual([
        ['a', 20_000],
        ['b', 500],
        ['c', 20_000],
        ['d', 500],
      ]);
      await tracker.close();
    },
  );

  it.each(['SIGTERM', 'SIGINT'] as const)(
    'writes batched records that were still pending when the process got %s',
    { timeout: 20_000 },
    async (signal) => {
      const directory = newDirectory('signal-');
      const writer = startLedgerWriter({
        LEDGER_DIR: directory,
        DURABILITY: 'batched',
        COUNT: '250',
        STAY_ALIVE: '1',
        FLUSH_INTERVAL: '3600000',
        BATCH_SIZE: '100000',
      });
      await writer.waitFor(/^recorded 250$/);
      expect(readdirSync(directory).filter((file) => file.endsWith('.jsonl'))).toEqual([]);
      writer.child.kill(signal);
      expect((await writer.exited).signal).toBe(signal);
      const { tracker, records } = await readLedger(directory);
      expect(records).toHaveLength(250);
      await tracker.close();
    },
  );
});
