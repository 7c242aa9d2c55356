// CPU profiles of chosen variants side by side: `node src/profile-variants.mjs <dir> [--calls N]
// [--mode chat|stream] <variant>...` (variant names as in `variants.mjs`). Each variant runs once in
// its own child under `node --cpu-prof`; prints self time per package (ours) and the top frames.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSimulatorProcess } from './start-simulator-process.mjs';
import { summariseProfile } from './summarise-profile.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repositoryRoot = resolve(here, '../..');
const argv = process.argv.slice(2);
const take = (flag, fallback) => {
  const index = argv.indexOf(flag);
  if (index === -1) return fallback;
  const [, value] = argv.splice(index, 2);
  return value;
};
const calls = Number(take('--calls', 2000));
const mode = take('--mode', 'chat');
const [directory, ...variants] = argv;

const run = (args) =>
  spawn(process.execPath, args, { cwd: here, stdio: ['ignore', 'pipe', 'inherit'] });

const { child: simulator, urls } = await startSimulatorProcess();
try {
  for (const [index, variant] of variants.entries()) {
    const dir = join(resolve(directory), `${mode}-${index}`);
    mkdirSync(dir, { recursive: true });
    const job = { kind: 'throughput', variant, mode, urls, calls, warmup: 200, concurrency: 32 };
    const child = run([
      '--cpu-prof',
      '--cpu-prof-interval=250',
      `--cpu-prof-dir=${dir}`,
      'variant-child.mjs',
      JSON.stringify(job),
    ]);
    child.stdout.resume();
    await new Promise((done) => child.on('exit', done));
    const summary = summariseProfile(dir, repositoryRoot, 25);
    process.stdout.write(`\n## ${variant} (${mode})\n`);
    for (const [name, share] of Object.entries(summary.byPackage))
      process.stdout.write(`${name} ${(share * 100).toFixed(2)}%  `);
    process.stdout.write('\n');
    for (const row of summary.all)
      process.stdout.write(`${(row.share * 100).toFixed(2)}% ${row.frame}\n`);
  }
} finally {
  simulator.stdin.end();
}
