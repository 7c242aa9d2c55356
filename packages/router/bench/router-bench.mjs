// `pnpm bench` in packages/router (after `pnpm build`): the cost of one routing decision —
// resolve a logical model with 4 deployments and order them — as p50 and p99 over many runs.
import { performance } from 'node:perf_hooks';
import { createDeploymentStats, createStrategy, resolveCandidates } from '../dist/index.js';

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
const BATCH = 100;
const BATCHES = 5_000;

function decide(strategy, overrides) {
  const route = resolveCandidates('fast', catalog, overrides);
  return strategy.order(route.groups[0].candidates, { stats, estimatedTokens: 1000 }, Math.random);
}

// A name without per-call overrides resolves once per catalog; a call with overrides (here a
// strategy override) resolves in full every time, so it is measured too.
const cases = [
  ['priority', undefined],
  ['weighted', undefined],
  ['least_latency', undefined],
  ['cheapest', undefined],
  ['weighted, per-call override (full resolution)', { strategy: 'weighted' }],
];
const rows = [];
for (const [label, overrides] of cases) {
  const name = label.split(',')[0];
  const strategy = createStrategy(name, {
    price: (deployment, tokens) => deployment.model.length * tokens,
  });
  for (let i = 0; i < 20_000; i++) decide(strategy, overrides); // warm up the JIT
  const perDecisionUs = [];
  for (let batch = 0; batch < BATCHES; batch++) {
    const start = performance.now();
    for (let i = 0; i < BATCH; i++) decide(strategy, overrides);
    perDecisionUs.push(((performance.now() - start) * 1000) / BATCH);
  }
  perDecisionUs.sort((a, b) => a - b);
  const p50 = perDecisionUs[Math.floor(BATCHES * 0.5)];
  const p99 = perDecisionUs[Math.floor(BATCHES * 0.99)];
  rows.push({ name: label, p50, p99 });
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
