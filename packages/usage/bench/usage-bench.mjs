// `pnpm bench` in packages/usage (after `pnpm build`): the numbers in the README's benchmark table.
//   1. caller-path cost of recordUsage (p50, p99) with the default batched JSONL ledger
//   2. sustained records/s to the JSONL store, batched and sync (sequential and 64 concurrent callers)
//   3. summary time over 1,000,000 records (warm, cold from saved indexes, cold with no index)
//   4. memory for 1,000,000 records (heap after recording 100k vs 1M)
// Run with --expose-gc for the memory figures. Results are printed as a Markdown table.
import { mkdtempSync, readdirSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createUsageTracker } from '../dist/index.js';

const MILLION = 1_000_000;
const DAY = 86_400_000;
const START = Date.UTC(2026, 5, 1);
const MODELS = [
  ['openai', 'gpt-4o'],
  ['openai', 'gpt-4o-mini'],
  ['openai', 'o3'],
  ['claude', 'claude-sonnet-4-5'],
  ['claude', 'claude-haiku-4-5'],
  ['deepseek', 'deepseek-chat'],
];
const results = [];
const report = (metric, value, target = '') => {
  results.push({ metric, value, target });
  console.error(`${metric}: ${value}`);
};
const yieldToIo = () => new Promise((resolve) => setImmediate(resolve));
const gc = () => globalThis.gc?.();
const megabytes = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** A realistic record: priced usage of a chat call, spread over 30 days. */
function makeRecord(index, count) {
  const [provider, model] = MODELS[index % MODELS.length];
  return {
    model_name: model,
    provider_name: provider,
    timestamp: START + Math.floor((index / count) * 30 * DAY),
    request_id: `req-${index}`,
    prompt_tokens: 1200 + (index % 500),
    completion_tokens: 300 + (index % 97),
    total_tokens: 1500 + (index % 500) + (index % 97),
    cached_tokens: index % 3 === 0 ? 1024 : undefined,
    cost: 0.004725,
    cost_decimal: '0.004725',
    currency: 'USD',
    success: index % 50 !== 0,
    response_time: 400 + (index % 900),
    stream: index % 2 === 0,
    operation: 'chat',
    tags: { user: `user-${index % 20}`, feature: index % 2 ? 'chat' : 'search' },
  };
}

function newLedgerDirectory() {
  return mkdtempSync(join(tmpdir(), 'usage-bench-'));
}

async function callerPath() {
  const directory = newLedgerDirectory();
  const tracker = createUsageTracker({ dataDir: directory, flushOnExit: false });
  const count = 200_000;
  const records = Array.from({ length: count }, (_, index) => makeRecord(index, count));
  const samples = new Float64Array(count);
  for (let index = 0; index < count; index++) {
    const started = process.hrtime.bigint();
    tracker.recordUsage(records[index]);
    samples[index] = Number(process.hrtime.bigint() - started);
    if (index % 1000 === 999) await yieldToIo();
  }
  await tracker.close();
  samples.sort();
  const timerCost = (() => {
    const costs = new Float64Array(10_000);
    for (let index = 0; index < costs.length; index++) {
      const started = process.hrtime.bigint();
      costs[index] = Number(process.hrtime.bigint() - started);
    }
    return costs.sort()[costs.length >> 1];
  })();
  report(
    'recordUsage caller path, p50 (batched, JSONL)',
    `${(samples[count >> 1] / 1000).toFixed(2)} µs (timer itself: ${(timerCost / 1000).toFixed(2)} µs)`,
    '< 5 µs',
  );
  report(
    'recordUsage caller path, p99',
    `${(samples[Math.floor(count * 0.99)] / 1000).toFixed(2)} µs`,
  );
  rmSync(directory, { recursive: true, force: true });
}

async function sustainedBatched(count) {
  const directory = newLedgerDirectory();
  const tracker = createUsageTracker({ dataDir: directory, flushOnExit: false });
  const started = performance.now();
  // An application records between awaits of its own; yielding every 1,000 records lets writes run.
  for (let index = 0; index < count; index++) {
    tracker.recordUsage(makeRecord(index, count));
    if (index % 1_000 === 999) await yieldToIo();
  }
  await tracker.flush();
  const seconds = (performance.now() - started) / 1000;
  report(
    `sustained, batched: ${count.toLocaleString('en')} records to disk`,
    `${Math.round(count / seconds).toLocaleString('en')} records/s (${seconds.toFixed(2)} s)`,
    '≥ 200,000 records/s',
  );
  return { directory, tracker };
}

async function sustainedSync() {
  const directory = newLedgerDirectory();
  const tracker = createUsageTracker({
    dataDir: directory,
    settings: { durability: 'sync' },
    flushOnExit: false,
  });
  let started = performance.now();
  const sequential = 2_000;
  for (let index = 0; index < sequential; index++)
    await tracker.recordUsage(makeRecord(index, sequential));
  let seconds = (performance.now() - started) / 1000;
  report(
    'sustained, sync (fdatasync per write), 1 caller',
    `${Math.round(sequential / seconds).toLocaleString('en')} records/s`,
  );
  const concurrent = 50_000;
  const callers = 64;
  started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: callers }, async () => {
      while (next < concurrent) await tracker.recordUsage(makeRecord(next++, concurrent));
    }),
  );
  seconds = (performance.now() - started) / 1000;
  report(
    `sustained, sync, ${callers} concurrent callers (group commit)`,
    `${Math.round(concurrent / seconds).toLocaleString('en')} records/s`,
  );
  await tracker.close();
  rmSync(directory, { recursive: true, force: true });
}

async function timed(label, task, target = '') {
  const started = performance.now();
  const value = await task();
  report(label, `${(performance.now() - started).toFixed(1)} ms`, target);
  return value;
}

async function summaries(directory, warmTracker) {
  await timed(
    'summary by model over 1M records, warm (same process)',
    () => warmTracker.getUsageSummary(),
    '< 500 ms',
  );
  await timed('summary by day over 1M records, warm', () =>
    warmTracker.getUsageSummary({ group_by: 'day' }),
  );
  await timed('summary by tag:user over 1M records, warm (first use builds the tag rollups)', () =>
    warmTracker.getUsageSummary({ group_by: 'tag:user' }),
  );
  await timed('summary by tag:user, warm, second time', () =>
    warmTracker.getUsageSummary({ group_by: 'tag:user' }),
  );
  await timed('summary --since 7d (partial hours read record by record)', () =>
    warmTracker.getUsageSummary({ time_range: { start: START + 23 * DAY + 1_234_567 } }),
  );
  await warmTracker.close();

  const cold = createUsageTracker({ dataDir: directory, flushOnExit: false });
  await timed(
    'summary by model over 1M records, cold: new tracker, rollups read from the saved indexes',
    () => cold.getUsageSummary(),
    '< 500 ms',
  );
  await cold.close();
  for (const file of readdirSync(directory))
    if (file.endsWith('.index.json')) unlinkSync(join(directory, file));
  const rescan = createUsageTracker({ dataDir: directory, flushOnExit: false });
  await timed('summary over 1M records, cold with the indexes deleted (full rescan, once)', () =>
    rescan.getUsageSummary(),
  );
  await rescan.close();
}

async function memory() {
  if (!globalThis.gc) {
    report('memory', 'run with node --expose-gc for memory figures');
    return;
  }
  const heapAfter = async (count) => {
    const directory = newLedgerDirectory();
    gc();
    const before = process.memoryUsage().heapUsed;
    const tracker = createUsageTracker({ dataDir: directory, flushOnExit: false });
    for (let index = 0; index < count; index++) {
      tracker.recordUsage(makeRecord(index, count));
      if (index % 10_000 === 9_999) await yieldToIo();
    }
    await tracker.getUsageSummary();
    gc();
    const retained = process.memoryUsage().heapUsed - before;
    await tracker.close();
    rmSync(directory, { recursive: true, force: true });
    return retained;
  };
  const small = await heapAfter(100_000);
  const large = await heapAfter(MILLION);
  report('heap retained by a tracker holding 100k records', megabytes(small));
  report(
    'heap retained by a tracker holding 1M records',
    `${megabytes(large)} (rollups only: records live on disk)`,
    'not proportional to records',
  );
}

await callerPath();
const { directory, tracker } = await sustainedBatched(MILLION);
await summaries(directory, tracker);
rmSync(directory, { recursive: true, force: true });
await sustainedSync();
await memory();

console.log(`\nNode ${process.version}, ${process.platform} ${process.arch}\n`);
console.log('| measurement | result | target |');
console.log('| --- | --- | --- |');
for (const { metric, value, target } of results)
  console.log(`| ${metric} | ${value} | ${target} |`);
