import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { formatPartsTable, parsePartsArguments, PART_VARIANTS } from './manager-parts.mjs';

const here = dirname(fileURLToPath(import.meta.url));

describe('what each part of the manager costs a call', () => {
  it('reads its counts and mode, and refuses what it does not know', () => {
    expect(parsePartsArguments([])).toEqual({
      mode: 'chat',
      rounds: 4,
      calls: 3_000,
      warmup: 3_000,
      concurrency: 32,
    });
    expect(parsePartsArguments(['--mode', 'stream', '--rounds', '2'])).toMatchObject({
      mode: 'stream',
      rounds: 2,
    });
    expect(parsePartsArguments(['--quick'])).toMatchObject({ rounds: 1, calls: 40 });
    expect(() => parsePartsArguments(['--calls', '0'])).toThrow(
      '--calls needs a positive whole number (got 0)',
    );
    expect(() => parsePartsArguments(['--ledger', 'off'])).toThrow('unknown option --ledger off');
  });

  it("tabulates medians, each variant's per-round ratio to the full manager and the part's cost", () => {
    const run = (cpuUsPerCall, callsPerSecond) => ({ cpuUsPerCall, callsPerSecond });
    const table = formatPartsTable(
      {
        '@llm/manager': [run(600, 1000), run(500, 1200), run(700, 900)],
        '@llm/manager, no usage ledger': [run(540, 1100), run(480, 1300), run(630, 950)],
        '@llm/providers-openai (provider alone)': [run(630, 990), run(520, 1250), run(700, 900)],
      },
      'chat',
    );
    expect(table.split('\n')).toEqual([
      '| chat: variant | client CPU / call | vs the full manager | the part costs | calls/s |',
      '| --- | --- | --- | --- | --- |',
      '| @llm/manager | 600 µs | 1.00× |  | 1000 |',
      // Ratios 0.90, 0.96, 0.90: median 0.90; 600 − 540 µs.
      '| @llm/manager, no usage ledger | 540 µs | −10.0% | 60 µs | 1100 |',
      // Ratios 1.05, 1.04, 1.00: median 1.04; 600 − 630 µs.
      '| @llm/providers-openai (provider alone) | 630 µs | +4.0% | −30 µs | 990 |',
    ]);
  });

  it('measures every part in a process of its own (--quick: the shape, not the numbers)', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [join(here, 'manager-parts.mjs'), '--quick'],
      { timeout: 120_000 },
    );
    const rows = stdout.split('\n').filter((line) => line.startsWith('| @llm/'));
    expect(rows.map((line) => line.split('|')[1].trim())).toEqual(PART_VARIANTS);
    for (const line of rows) expect(line).toMatch(/^\| [^|]+ \| \d+ µs \| /);
  }, 150_000);
});
