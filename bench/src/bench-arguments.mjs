// The bench's command line: counts (full run, or `--quick` for a smoke test) and outputs.
import { join, resolve } from 'node:path';

const FULL = {
  rounds: 3,
  calls: 2_000,
  // A long-running service is measured warmed up: after 200 calls a variant with more code (the
  // telemetry one above all) is still compiling and growing its heap, which 3,000 calls settle.
  warmup: 3_000,
  concurrency: 32,
  latencyCalls: 500,
  memoryCalls: 100_000,
  memoryEvery: 20_000,
  priceCalls: 200_000,
  ledgerRecords: 200_000,
};
const QUICK = {
  rounds: 1,
  calls: 40,
  warmup: 10,
  concurrency: 8,
  latencyCalls: 20,
  memoryCalls: 400,
  memoryEvery: 200,
  priceCalls: 2_000,
  ledgerRecords: 2_000,
};
const COUNT_FLAGS = {
  '--rounds': 'rounds',
  '--calls': 'calls',
  '--warmup': 'warmup',
  '--concurrency': 'concurrency',
  '--latency-calls': 'latencyCalls',
  '--memory-calls': 'memoryCalls',
};

/** Parses `argv` (without node and the script); unknown flags and bad counts are refused. */
export function parseBenchArguments(argv, repositoryRoot) {
  const quick = argv.includes('--quick');
  const settings = {
    ...(quick ? QUICK : FULL),
    quick,
    memory: false,
    profileDir: undefined,
    readme: join(repositoryRoot, 'README.md'),
  };
  for (let index = 0; index < argv.length; index++) {
    const flag = argv[index];
    if (flag === '--quick') continue;
    if (flag === '--memory') settings.memory = true;
    else if (flag === '--no-readme') settings.readme = undefined;
    else if (flag === '--readme') settings.readme = resolve(argv[++index] ?? '');
    else if (flag === '--profile') settings.profileDir = resolve(argv[++index] ?? 'cpu-profiles');
    else if (flag in COUNT_FLAGS) {
      const value = Number(argv[++index]);
      if (!Number.isInteger(value) || value < 1)
        throw new RangeError(`${flag} needs a positive whole number, got "${argv[index]}"`);
      settings[COUNT_FLAGS[flag]] = value;
    } else throw new RangeError(`Unknown option "${flag}" (see the header of src/run-bench.mjs)`);
  }
  return settings;
}
