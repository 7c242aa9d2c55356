// `node packages/telemetry/bench/paired-overhead.mjs [--batches 20] [--batch 300] [--telemetry <path>]` after
// `pnpm build`: telemetry's share of a manager call, measured so that a busy machine cannot tilt it.
// One manager (ledger, retries, breaker, `[llm.cache]` on) in this process against a simulator in
// another; batches of chat calls alternate between telemetry off and on (Prometheus in its own
// registry, OpenTelemetry SDK spans batched to a dropping exporter, SDK metrics), each pair
// measured back to back, so load drift hits both sides alike. Reports the median over pairs of
// client CPU per call and of calls/s, off and on.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { median, option } from './bench-options.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const batches = Number(option('--batches', '20'));
const batchCalls = Number(option('--batch', '300'));
// The bench package depends on the manager and the provider; this package does not.
const fromBench = (name) =>
  import(pathToFileURL(join(root, 'bench/node_modules', name, 'dist/index.js')).href);
await fromBench('@llm/providers-openai');
const { createLLMManager } = await fromBench('@llm/manager');
// `--telemetry <dist/index.js>`: another build of this package (an older one, to compare).
const telemetryPath = option('--telemetry', undefined);
const { createPrometheusMetrics, instrumentOpenTelemetry } = await import(
  telemetryPath ? pathToFileURL(resolve(telemetryPath)).href : '@llm/telemetry'
);
const { Registry } = await import('prom-client');
const { BasicTracerProvider, BatchSpanProcessor } = await import('@opentelemetry/sdk-trace-base');
const { MeterProvider } = await import('@opentelemetry/sdk-metrics');

const simulator = spawn(process.execPath, [join(root, 'bench/src/simulator-process.mjs')], {
  stdio: ['pipe', 'pipe', 'inherit'],
});
const urls = await new Promise((resolveUrls) => {
  let out = '';
  simulator.stdout.on('data', (chunk) => {
    out += chunk;
    if (out.includes('\n')) resolveUrls(JSON.parse(out.split('\n')[0]));
  });
});

const MODEL = 'gpt-4o-mini';
const directory = mkdtempSync(join(tmpdir(), 'llm-paired-'));
const manager = await createLLMManager({
  config: {
    default_provider: 'openai',
    enable_usage_tracking: true,
    cost_tracking: true,
    usage_data_dir: join(directory, 'usage'),
    cache: { enabled: true },
    providers: {
      openai: {
        type: 'openai',
        api_key: 'sk-bench-000000000000',
        base_url: urls.openaiBaseURL,
        retry: { max_attempts: 3 },
        circuit_breaker: { failure_threshold: 5 },
        models: { [MODEL]: {} },
      },
    },
  },
  env: {},
  watch: false,
  cwd: directory,
});
const dropping = { export: (_spans, done) => done({ code: 0 }), shutdown: async () => undefined };
const tracerProvider = new BasicTracerProvider({
  spanProcessors: [new BatchSpanProcessor(dropping)],
});
const meterProvider = new MeterProvider();
const messages = [{ role: 'user', content: 'Say hello in five words.' }];

async function batch(calls) {
  let next = 0;
  const worker = async () => {
    while (next++ < calls)
      await manager.chatCompletion({ model: MODEL, messages }).catch(() => undefined);
  };
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(Array.from({ length: 32 }, worker));
  const used = process.cpuUsage(cpu);
  return {
    cpuUsPerCall: (used.user + used.system) / calls,
    callsPerSecond: (calls * 1000) / (performance.now() - started),
  };
}

async function instrumented(calls) {
  const metrics = createPrometheusMetrics(manager, { registry: new Registry() });
  const stop = instrumentOpenTelemetry(manager, { tracerProvider, meterProvider });
  const result = await batch(calls);
  stop();
  metrics.close();
  await tracerProvider.forceFlush();
  return result;
}

try {
  await batch(300);
  await instrumented(300);
  const off = [];
  const on = [];
  for (let index = 0; index < batches; index++) {
    // Alternate which side goes first, so neither always follows the other's garbage.
    if (index % 2) {
      on.push(await instrumented(batchCalls));
      off.push(await batch(batchCalls));
    } else {
      off.push(await batch(batchCalls));
      on.push(await instrumented(batchCalls));
    }
  }
  const cpuRatio = median(on.map((sample, index) => sample.cpuUsPerCall / off[index].cpuUsPerCall));
  const rateRatio = median(
    on.map((sample, index) => sample.callsPerSecond / off[index].callsPerSecond),
  );
  const show = (samples) =>
    `${median(samples.map((sample) => sample.callsPerSecond)).toFixed(0)} calls/s, ` +
    `${median(samples.map((sample) => sample.cpuUsPerCall)).toFixed(0)} µs CPU/call`;
  console.log(`${batches} pairs of ${batchCalls} chat calls at concurrency 32, medians`);
  console.log(`telemetry off: ${show(off)}`);
  console.log(`telemetry on:  ${show(on)}`);
  console.log(
    `per pair: CPU per call ×${cpuRatio.toFixed(3)} (${((cpuRatio - 1) * 100).toFixed(1)} %), ` +
      `calls/s ×${rateRatio.toFixed(3)} (${((rateRatio - 1) * 100).toFixed(1)} %)`,
  );
} finally {
  await manager.close();
  await tracerProvider.shutdown();
  await meterProvider.shutdown();
  rmSync(directory, { recursive: true, force: true });
  simulator.stdin.end();
}
