import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { parseBenchArguments } from './bench-arguments.mjs';
import { END_MARKER, replaceBetweenMarkers, START_MARKER } from './format-report.mjs';
import { VARIANTS } from './variants.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const directory = mkdtempSync(join(tmpdir(), 'llm-bench-test-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** The Markdown table rows of `text` whose first cell is `first`, split into cells. */
function row(text, first) {
  const line = text
    .split('\n')
    .find(
      (candidate) => candidate.startsWith(`| ${first} |`) || candidate.startsWith(`| ${first} (`),
    );
  return line
    ?.split('|')
    .slice(1, -1)
    .map((cell) => cell.trim());
}

describe('the benchmark in --quick mode', () => {
  it('prints one well-formed table per section and rewrites only the README section between the markers', async () => {
    const readme = join(directory, 'README.md');
    writeFileSync(
      readme,
      `# Title\n\nbefore\n${START_MARKER}\nold numbers\n${END_MARKER}\nafter\n`,
    );
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [join(here, 'run-bench.mjs'), '--quick', '--memory', '--readme', readme],
      { timeout: 240_000, maxBuffer: 10_000_000 },
    );
    const tables = stdout.split('\n\n').filter((block) => block.includes('| --- |'));
    expect(tables.length).toBeGreaterThanOrEqual(2);
    for (const table of tables) {
      const lines = table
        .trim()
        .split('\n')
        .filter((line) => line.startsWith('|'));
      const widths = new Set(lines.map((line) => line.split('|').length));
      expect(widths.size).toBe(1); // every row has as many cells as the header
    }
    for (const variant of Object.keys(VARIANTS)) {
      const cells = row(stdout, variant);
      expect(cells).toHaveLength(7);
      expect(cells[1]).toMatch(/^[\d,]+ \(\d+\.\d\d×\)$/);
      expect(cells[2]).toMatch(/^[\d,]+ µs \(\d+\.\d\d×\)$/);
    }
    expect(row(stdout, 'openai SDK (raw)')[1]).toMatch(/\(1\.00×\)/);
    expect(stdout).toMatch(
      /\| import @llm\/manager \+ the three providers \(fresh process\) \| [\d.]+ ms, \d+ MB RSS \|/,
    );
    expect(stdout).toMatch(
      /\| createLLMManager from a ten-provider config \| [\d.]+ ms \| < 50 ms \|/,
    );
    expect(stdout).toMatch(
      /\| import step by step: @llm\/core on top of the packages above \| \+[\d.]+ ms, \+-?[\d.]+ MB RSS \|/,
    );
    expect(stdout).toMatch(
      /\| then its first chat call \/ its second .* \| [\d.]+ ms \/ [\d.]+ ms \|/,
    );
    expect(stdout).toMatch(/\| routing decision: priority, p50 \/ p99 \|/);
    expect(stdout).toMatch(/\| price computation .* \| [\d.]+ µs \/ [\d.]+ µs \|/);
    expect(stdout).toMatch(/\| ledger appends, batched JSONL \| [\d,]+ records\/s \|/);
    expect(stdout).toMatch(/\| @llm\/manager: heap after each 200 calls \| [\d.]+( → [\d.]+)+ MB/);
    const rewritten = readFileSync(readme, 'utf8');
    expect(rewritten.startsWith('# Title\n\nbefore\n')).toBe(true);
    expect(rewritten.endsWith(`${END_MARKER}\nafter\n`)).toBe(true);
    expect(rewritten).not.toContain('old numbers');
    expect(rewritten).toContain(row(stdout, 'openai SDK (raw)').join(' | '));
  }, 300_000);
});

describe('bench options', () => {
  it('uses the full counts by default and small ones with --quick', () => {
    expect(parseBenchArguments([], '/repo')).toMatchObject({
      rounds: 3,
      calls: 2000,
      concurrency: 32,
      readme: '/repo/README.md',
    });
    expect(parseBenchArguments(['--quick', '--no-readme'], '/repo')).toMatchObject({
      quick: true,
      rounds: 1,
      readme: undefined,
    });
    expect(parseBenchArguments(['--calls', '500', '--rounds', '5'], '/repo')).toMatchObject({
      calls: 500,
      rounds: 5,
    });
  });

  it('refuses unknown options and counts that are not positive whole numbers', () => {
    expect(() => parseBenchArguments(['--fast'], '/repo')).toThrow(/Unknown option "--fast"/);
    expect(() => parseBenchArguments(['--calls', '0'], '/repo')).toThrow(
      /--calls needs a positive/,
    );
  });

  it('refuses to rewrite a README without the bench markers', () => {
    expect(() => replaceBetweenMarkers('# no markers', 'table')).toThrow(/bench:start/);
  });
});
