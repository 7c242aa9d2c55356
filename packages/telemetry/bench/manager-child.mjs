// One measurement for overhead-bench.mjs `--parts`: a manager as the side-by-side bench builds it
// (JSONL ledger, retries, breaker), with only the named parts of telemetry and the cache on, so
// each part's cost can be told apart. Prints one JSON line: client CPU µs per call and calls/s.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
// The bench package depends on the manager and the provider; this package does not.
const fromBench = (name, file) =>
  import(pathToFileURL(join(root, 'bench/node_modules', name, file)).href);
const job = JSON.parse(process.argv[2]);
const parts = new Set(job.parts);

await fromBench('@llm/providers-openai', 'dist/index.js');
const { createLLMManager } = await fromBench('@llm/manager', 'dist/index.js');
const { createPrometheusMetrics, instrumentOpenTelemetry } = await import('@llm/telemetry');
const { Registry } = await import('prom-client');
const { BasicTracerProvider, BatchSpanProcessor } = await import('@opentelemetry/sdk-trace-base');
const { MeterProvider } = await import('@opentelemetry/sdk-metrics');

const MODEL = 'gpt-4o-mini';
const directory = mkdtempSync(join(tmpdir(), 'llm-overhead-'));
const manager = await createLLMManager({
  config: {
    default_provider: 'openai',
    enable_usage_tracking: true,
    cost_tracking: true,
    usage_data_dir: join(directory, 'usage'),
    providers: {
      openai: {
        type: 'openai',
        api_key: 'sk-bench-000000000000',
        base_url: job.urls.openaiBaseURL,
        retry: { max_attempts: 3 },
        circuit_breaker: { failure_threshold: 5 },
        models: { [MODEL]: {} },
      },
    },
    ...(parts.has('cache') && { cache: { enabled: true } }),
  },
  env: {},
  watch: false,
  cwd: directory,
});
if (parts.has('prometheus')) createPrometheusMetrics(manager, { registry: new Registry() });
let tracerProvider;
if (parts.has('otel')) {
  const dropping = { export: (_spans, done) => done({ code: 0 }), shutdown: async () => undefined };
  tracerProvider = new BasicTracerProvider({ spanProcessors: [new BatchSpanProcessor(dropping)] });
  instrumentOpenTelemetry(manager, { tracerProvider, meterProvider: new MeterProvider() });
}
const messages = [{ role: 'user', content: 'Say hello in five words.' }];
const chat = () => manager.chatCompletion({ model: MODEL, messages });

async function run(calls, concurrency) {
  let next = 0;
  const worker = async () => {
    while (next++ < calls) await chat().catch(() => undefined);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}
await run(200, 32);
const cpu = process.cpuUsage();
const started = performance.now();
await run(job.calls, 32);
const elapsed = performance.now() - started;
const used = process.cpuUsage(cpu);
await tracerProvider?.shutdown();
await manager.close();
rmSync(directory, { recursive: true, force: true });
process.stdout.write(
  `${JSON.stringify({ cpuUsPerCall: (used.user + used.system) / job.calls, callsPerSecond: (job.calls * 1000) / elapsed })}\n`,
);
