#!/usr/bin/env node
// Prints one markdown table of every workspace member's coverage, read from the
// `coverage/coverage-summary.json` each member's `vitest run` writes, and puts it into the root
// README between the coverage markers. The thresholds come from each member's own vitest config
// (resolved by vitest itself), so the table judges a member by exactly what its test run enforces.
//
//   node scripts/coverage-table.mjs           print the table and update README.md
//   node scripts/coverage-table.mjs --check   exit 1 when README.md does not show this table
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const README = join(ROOT, 'README.md');
const START = '<!-- coverage:start -->';
const END = '<!-- coverage:end -->';
const GROUPS = ['packages', 'apps', 'examples'];
const METRICS = /** @type {const} */ (['lines', 'statements', 'functions', 'branches']);

/** Every workspace member that has a vitest config, in the README's order. */
export function findMembers(root = ROOT) {
  const members = [];
  for (const group of GROUPS) {
    const inGroup = [];
    const groupDirectory = join(root, group);
    if (!existsSync(groupDirectory)) continue;
    for (const entry of readdirSync(groupDirectory, { withFileTypes: true })) {
      const directory = join(groupDirectory, entry.name);
      if (!entry.isDirectory() || !existsSync(join(directory, 'vitest.config.ts'))) continue;
      const { name } = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8'));
      inGroup.push({ name, path: `${group}/${entry.name}`, directory });
    }
    members.push(...inGroup.sort((a, b) => a.path.localeCompare(b.path)));
  }
  return members;
}

async function thresholdsOf(directory) {
  const { resolveConfig } = await import('vitest/node');
  const { vitestConfig } = await resolveConfig({ root: directory, logLevel: 'silent' });
  const thresholds = vitestConfig.coverage.thresholds ?? {};
  return Object.fromEntries(METRICS.map((metric) => [metric, thresholds[metric] ?? 0]));
}

function readSummary(directory) {
  const file = join(directory, 'coverage', 'coverage-summary.json');
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')).total;
}

/** One row per member: measured percentages, the thresholds, and whether every one is met. */
export function rowFor(member, summary, thresholds) {
  if (!summary) {
    return { ...member, measured: false, cells: METRICS.map(() => 'not measured'), met: '—' };
  }
  const cells = METRICS.map((metric) => {
    const { pct } = summary[metric];
    return `${pct.toFixed(2)}%${pct < thresholds[metric] ? ' ✗' : ''}`;
  });
  const met = METRICS.every((metric) => summary[metric].pct >= thresholds[metric]);
  const bar = METRICS.map((metric) => thresholds[metric]).join(' / ');
  return { ...member, measured: true, cells, met: `${met ? 'yes' : 'no'} (≥ ${bar})` };
}

export function renderTable(rows) {
  const header = ['package', ...METRICS, 'threshold met'];
  const body = rows.map((row) => [`\`${row.name}\``, ...row.cells, row.met]);
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...body.map((line) => line[column].length)),
  );
  const line = (cells) => `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...body.map(line)].join(
    '\n',
  );
}

/** The README with the section between the markers replaced by `table`; undefined without markers. */
export function withTable(readme, table) {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start === -1 || end === -1 || end < start) return undefined;
  return `${readme.slice(0, start + START.length)}\n\n${table}\n\n${readme.slice(end)}`;
}

async function main() {
  const check = process.argv.includes('--check');
  const rows = [];
  for (const member of findMembers()) {
    rows.push(rowFor(member, readSummary(member.directory), await thresholdsOf(member.directory)));
  }
  const table = renderTable(rows);
  console.log(table);
  const readme = readFileSync(README, 'utf8');
  const updated = withTable(readme, table);
  if (updated === undefined) {
    console.error(`README.md has no "${START}" … "${END}" section to write the table into`);
    process.exitCode = 1;
    return;
  }
  if (check) {
    if (updated !== readme) {
      console.error('README.md coverage table is out of date: run `pnpm coverage:table`');
      process.exitCode = 1;
    }
  } else if (updated !== readme) {
    writeFileSync(README, updated);
    console.log('\nREADME.md coverage table updated');
  }
  const missing = rows.filter((row) => !row.measured).map((row) => row.path);
  if (missing.length > 0) {
    console.error(`\nnot measured (run their tests first): ${missing.join(', ')}`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await main();
}
