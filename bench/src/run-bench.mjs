// `pnpm bench` (after the per-package benches): the side-by-side benchmark. One loopback simulator
// process; every measurement in a fresh child process; variants alternated over rounds, each run
// under load bracketed by runs of the raw openai SDK; medians, and ratios to the raw SDK paired with
// the runs beside them. Prints one Markdown table and rewrites the README's benchmark section.
//   --quick            small counts (a smoke test: the table's shape, not its numbers)
//   --memory           also heap after every 20,000 calls over 100,000 calls of the manager
//   --profile <dir>    also a CPU profile (node --cpu-prof) of one manager chat run, summarised
//   --rounds N --calls N --warmup N --concurrency N --latency-calls N   override the counts
//   --readme <file>    the README to rewrite (default: the repository's); --no-readme: print only
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseBenchArguments } from './bench-arguments.mjs';
import { formatReport, replaceBetweenMarkers } from './format-report.mjs';
import { median, pairWithNeighbours, summariseRuns } from './paired-runs.mjs';
import { alternated, runNode } from './run-node.mjs';
import { startSimulatorProcess } from './start-simulator-process.mjs';
import { summariseProfile } from './summarise-profile.mjs';
import { VARIANTS } from './variants.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repositoryRoot = resolve(here, '../..');
const settings = parseBenchArguments(process.argv.slice(2), repositoryRoot);

const child = join(here, 'variant-child.mjs');
const log = (line) => process.stderr.write(`${line}\n`);

const BASELINE = Object.keys(VARIANTS)[0];

/**
 * One variant's throughput run under load and its latency run at concurrency 1; without `latency`,
 * the run carries no latency (the loaded run's own percentiles are not the table's).
 */
async function measureVariant(urls, variant, mode, { latency = true } = {}) {
  const common = { kind: 'throughput', variant, mode, urls, warmup: settings.warmup };
  const loaded = await runNode(child, {
    ...common,
    calls: settings.calls,
    concurrency: settings.concurrency,
  });
  if (!latency) return { ...loaded, p50Ms: undefined, p99Ms: undefined };
  const single = await runNode(child, { ...common, calls: settings.latencyCalls, concurrency: 1 });
  return {
    ...loaded,
    p50Ms: single.p50Ms,
    p99Ms: single.p99Ms,
    failures: loaded.failures + single.failures,
  };
}

/**
 * Every variant's runs, rounds × modes, each bracketed by a run of the raw SDK just before and just
 * after it (B V₁ B V₂ … Vₙ B): a variant's ratios are to the mean of its two neighbours, so load
 * that drifts over minutes on a shared machine moves both sides of a ratio alike. The table shows
 * the median over rounds of those paired ratios beside the medians of the values themselves.
 */
async function measureCalls(urls) {
  const others = Object.keys(VARIANTS).filter((name) => name !== BASELINE);
  const samples = {};
  const push = (variant, mode, run) => (samples[`${variant}\u0000${mode}`] ??= []).push(run);
  const report = (round, mode, variant, run) =>
    log(
      `round ${round + 1} ${mode} ${variant}: ${run.callsPerSecond.toFixed(0)} calls/s, ` +
        `${run.cpuUsPerCall.toFixed(0)} µs CPU/call` +
        (run.p50Ms === undefined ? '' : `, c=1 p50 ${run.p50Ms.toFixed(3)} ms`),
    );
  for (let round = 0; round < settings.rounds; round++) {
    for (const mode of ['chat', 'stream']) {
      // The baseline's first run of the round also measures its latency at concurrency 1.
      let before = await measureVariant(urls, BASELINE, mode);
      push(BASELINE, mode, { ...before, callsRatio: 1, cpuRatio: 1 });
      report(round, mode, BASELINE, before);
      for (const variant of alternated(others, round)) {
        const run = await measureVariant(urls, variant, mode);
        report(round, mode, variant, run);
        const after = await measureVariant(urls, BASELINE, mode, { latency: false });
        report(round, mode, BASELINE, after);
        push(BASELINE, mode, { ...after, callsRatio: 1, cpuRatio: 1 });
        push(variant, mode, pairWithNeighbours(run, before, after));
        before = after;
      }
    }
  }
  const medians = {};
  for (const [key, runs] of Object.entries(samples)) {
    const [variant, mode] = key.split('\u0000');
    (medians[variant] ??= {})[mode] = summariseRuns(runs);
  }
  // The table lists the variants in VARIANTS' order.
  return Object.fromEntries(Object.keys(VARIANTS).map((name) => [name, medians[name]]));
}

/** What is imported for each start-up row; each is measured in its own fresh process. */
const IMPORT_SETS = {
  'openai SDK alone': ['openai'],
  '@llm/manager': ['@llm/manager'],
  '@llm/manager + @llm/providers-openai': ['@llm/manager', '@llm/providers-openai'],
  '@llm/manager + @llm/providers-claude': ['@llm/manager', '@llm/providers-claude'],
  '@llm/manager + @llm/providers-generic': ['@llm/manager', '@llm/providers-generic'],
  '@llm/manager + the three providers': [
    '@llm/manager',
    '@llm/providers-openai',
    '@llm/providers-claude',
    '@llm/providers-generic',
  ],
};

/** The packages of the three-provider import, one after another, each on top of those before. */
const IMPORT_STEPS = [
  '@llm/core',
  '@llm/router',
  '@llm/usage',
  '@llm/manager',
  '@llm/providers-openai',
  '@llm/providers-claude',
  '@llm/providers-generic',
];

async function measureStartup(urls) {
  const imports = {};
  for (const [label, modules] of Object.entries(IMPORT_SETS)) {
    const runs = [];
    for (let round = 0; round < settings.rounds; round++)
      runs.push(await runNode(child, { kind: 'import', modules }));
    imports[label] = {
      importMs: median(runs.map((run) => run.importMs)),
      rssMb: median(runs.map((run) => run.rssMb)),
    };
  }
  // What each package adds on top of the ones before it (zod comes with @llm/core).
  const stepRuns = [];
  for (let round = 0; round < settings.rounds; round++)
    stepRuns.push((await runNode(child, { kind: 'import-steps', modules: IMPORT_STEPS })).steps);
  const importSteps = IMPORT_STEPS.map((specifier, index) => ({
    specifier,
    importMs: median(stepRuns.map((steps) => steps[index].importMs)),
    addedMb: median(stepRuns.map((steps) => steps[index].addedMb)),
  }));
  const creations = [];
  for (let round = 0; round < settings.rounds; round++)
    creations.push(await runNode(child, { kind: 'create-manager', providers: 10, urls }));
  return {
    imports,
    importSteps,
    createManagerMs: median(creations.map((run) => run.createMs)),
    firstCallMs: median(creations.map((run) => run.firstCallMs)),
    secondCallMs: median(creations.map((run) => run.secondCallMs)),
  };
}

/** The routing micro-benchmark of @llm/router, run as it is, its Markdown rows kept. */
async function routingRows() {
  const script = join(repositoryRoot, 'packages/router/bench/router-bench.mjs');
  const output = await new Promise((resolvePromise, reject) => {
    const run = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    run.stdout.on('data', (chunk) => (text += chunk));
    run.on('error', reject);
    run.on('exit', () => resolvePromise(text));
  });
  return output
    .split('\n')
    .filter((line) => /^\| [a-z]/.test(line) && !line.startsWith('| decision'))
    .map((line) => line.split('|').map((cell) => cell.trim()))
    .map(([, name, p50, p99]) => ({ name, p50, p99 }));
}

async function measureMemory(urls) {
  const rows = {};
  for (const variant of ['@llm/manager']) {
    rows[variant] = (
      await runNode(
        child,
        {
          kind: 'memory',
          variant,
          mode: 'chat',
          urls,
          calls: settings.memoryCalls,
          every: settings.memoryEvery,
          concurrency: settings.concurrency,
        },
        ['--expose-gc'],
      )
    ).heapMb;
  }
  return rows;
}

async function profileManager(urls) {
  await runNode(
    child,
    {
      kind: 'throughput',
      variant: '@llm/manager',
      mode: 'chat',
      urls,
      calls: settings.calls,
      warmup: settings.warmup,
      concurrency: settings.concurrency,
    },
    ['--cpu-prof', `--cpu-prof-dir=${settings.profileDir}`],
  );
  return summariseProfile(settings.profileDir, repositoryRoot);
}

const simulator = await startSimulatorProcess();
try {
  const { urls } = simulator;
  const calls = await measureCalls(urls);
  const startup = await measureStartup(urls);
  const micro = await runNode(join(here, 'micro-child.mjs'), {
    priceCalls: settings.priceCalls,
    ledgerRecords: settings.ledgerRecords,
  });
  const routing = await routingRows();
  const memory = settings.memory ? await measureMemory(urls) : undefined;
  const profile = settings.profileDir ? await profileManager(urls) : undefined;
  const report = formatReport({ settings, calls, startup, micro, routing, memory, profile });
  process.stdout.write(`${report}\n`);
  if (settings.readme) {
    const before = readFileSync(settings.readme, 'utf8');
    writeFileSync(settings.readme, replaceBetweenMarkers(before, report));
    log(`rewrote the benchmark section of ${settings.readme}`);
  }
} finally {
  simulator.child.stdin.end();
}
