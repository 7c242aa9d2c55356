// `node packages/telemetry/bench/overhead-bench.mjs [--rounds 5] [--calls 2000] [--profile <dir>]`
// after `pnpm build`: what telemetry and the response cache cost the manager. The manager with and
// without them (the side-by-side bench's variants), each run in a fresh child process against one
// simulator process, alternated over rounds; medians of chat calls/s and client CPU per call. With
// `--profile`, one more run of each under `node --cpu-prof`, self time per function.
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, option } from './bench-options.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../..');
const benchSource = join(root, 'bench/src');
const { summariseProfile } = await import(join(benchSource, 'summarise-profile.mjs'));

const rounds = Number(option('--rounds', '5'));
const calls = Number(option('--calls', '2000'));
const mode = option('--mode', 'chat');
const profileDir = option('--profile', undefined);
// `--parts cache,prometheus,otel`: instead of the bench's two variants, a manager with each of the
// named parts alone and all of them together (manager-child.mjs), to tell their costs apart.
const parts = option('--parts', undefined)?.split(',');
const VARIANTS = parts
  ? ['none', ...parts, ...(parts.length > 1 ? [parts.join('+')] : [])]
  : ['@llm/manager', '@llm/manager + telemetry + cache'];

function run(script, args, nodeFlags = []) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [...nodeFlags, script, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolvePromise(JSON.parse(out.trim().split('\n').pop()))
        : reject(new Error(`exit ${code}`)),
    );
  });
}

const simulator = spawn(process.execPath, [join(benchSource, 'simulator-process.mjs')], {
  stdio: ['pipe', 'pipe', 'inherit'],
});
const urls = await new Promise((resolvePromise) => {
  let out = '';
  simulator.stdout.on('data', (chunk) => {
    out += chunk;
    if (out.includes('\n')) resolvePromise(JSON.parse(out.split('\n')[0]));
  });
});
const job = (variant) =>
  JSON.stringify({
    kind: 'throughput',
    variant,
    mode,
    urls,
    calls,
    warmup: 200,
    concurrency: 32,
    parts: variant === 'none' ? [] : variant.split('+'),
  });
const childScript = parts
  ? join(here, 'manager-child.mjs')
  : join(benchSource, 'variant-child.mjs');

try {
  const samples = Object.fromEntries(VARIANTS.map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    const order = VARIANTS.map((_, index) => VARIANTS[(index + round) % VARIANTS.length]);
    for (const variant of order) {
      const result = await run(childScript, [job(variant)]);
      samples[variant].push(result);
      process.stderr.write(
        `round ${round + 1} ${variant}: ${result.callsPerSecond.toFixed(0)} calls/s, ${result.cpuUsPerCall.toFixed(0)} µs CPU/call\n`,
      );
    }
  }
  const results = VARIANTS.map((name) => ({
    name,
    callsPerSecond: median(samples[name].map((sample) => sample.callsPerSecond)),
    cpuUsPerCall: median(samples[name].map((sample) => sample.cpuUsPerCall)),
  }));
  const plain = results[0];
  console.log(`${mode}, ${calls} calls at concurrency 32, ${rounds} alternated rounds, medians`);
  for (const result of results)
    console.log(
      `${result.name}: ${result.callsPerSecond.toFixed(0)} calls/s (${((result.callsPerSecond / plain.callsPerSecond - 1) * 100).toFixed(1)} %), ` +
        `${result.cpuUsPerCall.toFixed(0)} µs CPU/call (${((result.cpuUsPerCall / plain.cpuUsPerCall - 1) * 100).toFixed(1)} %)`,
    );
  if (profileDir) {
    for (const variant of VARIANTS) {
      const directory = join(resolve(profileDir), variant.replace(/[^a-z]+/gi, '-'));
      rmSync(directory, { recursive: true, force: true });
      mkdirSync(directory, { recursive: true });
      await run(childScript, [job(variant)], ['--cpu-prof', `--cpu-prof-dir=${directory}`]);
      const summary = summariseProfile(directory, root, 15);
      console.log(`\nprofile of ${variant}: by package ${JSON.stringify(summary.byPackage)}`);
      for (const row of summary.all)
        console.log(`  ${(row.share * 100).toFixed(2)}%  ${row.frame}`);
      console.log('  ours:');
      for (const row of summary.ours)
        console.log(`  ${(row.share * 100).toFixed(2)}%  ${row.frame}`);
    }
  }
} finally {
  simulator.stdin.end();
}
