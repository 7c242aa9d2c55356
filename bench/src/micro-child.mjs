// Micro-benchmarks of the per-call work of @llm/usage, in a fresh process: price computation
// (price lookup + exact cost of one call, as the manager prices a response) and ledger appends
// (records/s into the batched JSONL ledger). Prints one JSON line.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createCostCalculator, createUsageTracker } from '@llm/usage';

const { priceCalls, ledgerRecords } = JSON.parse(process.argv[2]);

function percentiles(samples) {
  samples.sort((a, b) => a - b);
  return {
    p50: samples[Math.floor(samples.length * 0.5)],
    p99: samples[Math.floor(samples.length * 0.99)],
  };
}

function priceComputation() {
  const calculator = createCostCalculator();
  const usage = {
    prompt_tokens: 1200,
    completion_tokens: 300,
    total_tokens: 1500,
    cached_tokens: 1024,
  };
  const targets = [
    { provider: 'openai', providerType: 'openai', model: 'gpt-4o-mini' },
    { provider: 'claude', providerType: 'claude', model: 'claude-sonnet-4-20250514' },
  ];
  const batch = 100;
  for (let index = 0; index < 20_000; index++) calculator.priceUsage(usage, targets[index % 2]);
  const perCallUs = [];
  for (let done = 0; done < priceCalls; done += batch) {
    const started = performance.now();
    for (let index = 0; index < batch; index++) calculator.priceUsage(usage, targets[index % 2]);
    perCallUs.push(((performance.now() - started) * 1000) / batch);
  }
  return percentiles(perCallUs);
}

async function ledgerAppends() {
  const directory = mkdtempSync(join(tmpdir(), 'llm-bench-ledger-'));
  const tracker = createUsageTracker({ dataDir: directory, flushOnExit: false });
  const started = performance.now();
  for (let index = 0; index < ledgerRecords; index++) {
    tracker.recordUsage({
      model_name: 'gpt-4o-mini',
      provider_name: 'openai',
      timestamp: Date.now(),
      request_id: `req-${index}`,
      prompt_tokens: 1200,
      completion_tokens: 300,
      total_tokens: 1500,
      cost: 0.00036,
      cost_decimal: '0.00036',
      currency: 'USD',
      success: true,
      response_time: 420,
      stream: false,
      operation: 'chat',
    });
    if (index % 10_000 === 9_999) await new Promise((resolve) => setImmediate(resolve));
  }
  await tracker.close();
  const recordsPerSecond = (ledgerRecords * 1000) / (performance.now() - started);
  rmSync(directory, { recursive: true, force: true });
  return recordsPerSecond;
}

const price = priceComputation();
const ledgerRecordsPerSecond = await ledgerAppends();
process.stdout.write(`${JSON.stringify({ price, ledgerRecordsPerSecond })}\n`);
