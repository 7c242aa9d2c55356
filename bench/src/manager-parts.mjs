// What each part of the manager costs a call: `node src/manager-parts.mjs [--mode chat|stream]
// [--rounds 4] [--calls 3000] [--warmup 3000] [--concurrency 32] [--quick]` (after `pnpm build`).
// The bench's `@llm/manager` (usage ledger, cost tracking, retry and the circuit breaker on), the
// same manager with one part turned off at a time and with all three off, and the provider alone,
// each run in a fresh process against one simulator process, the order rotating over rounds. For
// each: client CPU per call and calls/s (medians), its CPU per call over the full manager's in the
// same round (the median of those ratios), and the part's cost in µs (the full manager's median
// minus this one's).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './paired-runs.mjs';
import { alternated, runNode } from './run-node.mjs';
import { startSimulatorProcess } from './start-simulator-process.mjs';
import { MANAGER_PARTS } from './variants.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const FULL = '@llm/manager';
const PROVIDER = '@llm/providers-openai (provider alone)';
export const PART_VARIANTS = [FULL, ...Object.keys(MANAGER_PARTS), PROVIDER];

/** The command line: counts (or `--quick`, a smoke test) and the mode. */
export function parsePartsArguments(argv) {
  const quick = argv.includes('--quick');
  const settings = quick
    ? { mode: 'chat', rounds: 1, calls: 40, warmup: 10, concurrency: 8 }
    : { mode: 'chat', rounds: 4, calls: 3_000, warmup: 3_000, concurrency: 32 };
  for (let index = 0; index < argv.length; index++) {
    const flag = argv[index];
    if (flag === '--quick') continue;
    const value = argv[index + 1];
    index += 1;
    if (flag === '--mode' && (value === 'chat' || value === 'stream')) settings.mode = value;
    else if (['--rounds', '--calls', '--warmup', '--concurrency'].includes(flag)) {
      const count = Number(value);
      if (!Number.isInteger(count) || count < 1)
        throw new Error(`${flag} needs a positive whole number (got ${value ?? 'nothing'})`);
      settings[flag.slice(2)] = count;
    } else throw new Error(`unknown option ${flag}${value === undefined ? '' : ` ${value}`}`);
  }
  return settings;
}

/**
 * The table of `runs` (variant → one `{ cpuUsPerCall, callsPerSecond }` per round, the rounds in
 * the same order for every variant): per variant its medians, the median of its per-round CPU
 * ratio to the full manager, and what it saves against the full manager's median.
 */
export function formatPartsTable(runs, mode) {
  const full = runs[FULL];
  const fullCpu = median(full.map((run) => run.cpuUsPerCall));
  const lines = [
    `| ${mode}: variant | client CPU / call | vs the full manager | the part costs | calls/s |`,
    '| --- | --- | --- | --- | --- |',
  ];
  for (const [variant, list] of Object.entries(runs)) {
    const cpu = median(list.map((run) => run.cpuUsPerCall));
    const ratio = median(list.map((run, round) => run.cpuUsPerCall / full[round].cpuUsPerCall));
    const change = `${ratio >= 1 ? '+' : '−'}${Math.abs((ratio - 1) * 100).toFixed(1)}%`;
    const costs = fullCpu - cpu;
    const saved = variant === FULL ? '' : `${costs < 0 ? '−' : ''}${Math.abs(costs).toFixed(0)} µs`;
    const rate = median(list.map((run) => run.callsPerSecond));
    lines.push(
      `| ${variant} | ${cpu.toFixed(0)} µs | ${variant === FULL ? '1.00×' : change} | ${saved} | ${rate.toFixed(0)} |`,
    );
  }
  return lines.join('\n');
}

async function main() {
  const settings = parsePartsArguments(process.argv.slice(2));
  const { child: simulator, urls } = await startSimulatorProcess();
  const runs = Object.fromEntries(PART_VARIANTS.map((variant) => [variant, []]));
  try {
    for (let round = 0; round < settings.rounds; round++) {
      for (const variant of alternated(PART_VARIANTS, round)) {
        const run = await runNode(join(here, 'variant-child.mjs'), {
          kind: 'throughput',
          variant,
          mode: settings.mode,
          urls,
          calls: settings.calls,
          warmup: settings.warmup,
          concurrency: settings.concurrency,
        });
        runs[variant].push(run);
        process.stderr.write(
          `round ${round + 1} ${variant}: ${run.cpuUsPerCall.toFixed(0)} µs CPU/call, ${run.callsPerSecond.toFixed(0)} calls/s\n`,
        );
      }
    }
  } finally {
    simulator.stdin.end();
  }
  process.stdout.write(`${formatPartsTable(runs, settings.mode)}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
