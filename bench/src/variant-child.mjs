// One measurement in a fresh process: `node variant-child.mjs '<json job>'` prints one JSON line.
// Jobs: `throughput` (calls at a concurrency: client CPU µs per call from process.cpuUsage, calls/s,
// per-call latency percentiles), `memory` (heap after every `every` calls), `import` (time and RSS
// to import modules), `import-steps` (what each of them adds, in order), `create-manager` (time to build a manager from a many-provider config).
import { performance } from 'node:perf_hooks';
import { MANAGER_PARTS, VARIANTS } from './variants.mjs';

const job = JSON.parse(process.argv[2]);
const buildVariant = VARIANTS[job.variant] ?? MANAGER_PARTS[job.variant];

function percentile(sorted, fraction) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))];
}

/** Runs `calls` calls of `call`, at most `concurrency` at once; returns each call's latency in ms. */
/**
 * Runs `calls` calls of `call`, at most `concurrency` at once; returns each call's latency in ms.
 * A failed call (on a loaded machine a kept-alive socket can be closed under a client) is counted
 * in `failures` rather than ending the run; the report shows the count.
 */
let failures = 0;
async function runCalls(call, calls, concurrency) {
  const latencies = new Float64Array(calls);
  let next = 0;
  const worker = async () => {
    while (next < calls) {
      const index = next++;
      const started = performance.now();
      try {
        await call();
      } catch {
        failures += 1;
      }
      latencies[index] = performance.now() - started;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, calls) }, worker));
  return latencies;
}

async function throughput() {
  const client = await buildVariant(job.urls);
  const call = job.mode === 'stream' ? client.stream : client.chat;
  await runCalls(call, job.warmup, job.concurrency); // JIT, sockets and caches warm
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const latencies = await runCalls(call, job.calls, job.concurrency);
  const elapsedMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  await client.close();
  const sorted = Array.from(latencies).sort((a, b) => a - b);
  return {
    cpuUsPerCall: (cpu.user + cpu.system) / job.calls,
    callsPerSecond: (job.calls * 1000) / elapsedMs,
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    failures,
  };
}

async function memory() {
  const client = await buildVariant(job.urls);
  const call = job.mode === 'stream' ? client.stream : client.chat;
  const heapMb = [];
  for (let done = 0; done < job.calls; done += job.every) {
    await runCalls(call, job.every, job.concurrency);
    globalThis.gc?.();
    heapMb.push(process.memoryUsage().heapUsed / 1024 / 1024);
  }
  await client.close();
  return { heapMb };
}

/** Imports `modules` one after another in one process: what each adds to the time and the RSS. */
async function importSteps() {
  const steps = [];
  let before = process.memoryUsage().rss;
  for (const specifier of job.modules) {
    const started = performance.now();
    await import(specifier);
    const rss = process.memoryUsage().rss;
    steps.push({
      specifier,
      importMs: performance.now() - started,
      addedMb: (rss - before) / 1024 / 1024,
      rssMb: rss / 1024 / 1024,
    });
    before = rss;
  }
  return { steps };
}

async function importModules() {
  const started = performance.now();
  for (const specifier of job.modules) await import(specifier);
  const importMs = performance.now() - started;
  return { importMs, rssMb: process.memoryUsage().rss / 1024 / 1024 };
}

/**
 * Ten providers of the three built-in packages, pointed at the simulator. Timed: the build alone,
 * then the first chat call (which loads the SDK of the provider it calls), then a
 * second call for comparison. The modules are imported before the clock starts.
 */
async function createManager() {
  await import('@llm/providers-openai');
  await import('@llm/providers-claude');
  await import('@llm/providers-generic');
  const { createLLMManager } = await import('@llm/manager');
  const types = ['openai', 'claude', 'generic'];
  const providers = {};
  for (let index = 0; index < job.providers; index++) {
    const type = types[index % types.length];
    providers[`provider-${index}`] = {
      type,
      api_key: 'sk-bench-000000000000',
      base_url: type === 'claude' ? job.urls.anthropicBaseURL : job.urls.openaiBaseURL,
      // Priced, so that the first call logs no "no price known" warning (which would load pino).
      models: {
        [`model-${index}`]: {
          pricing: {
            currency: 'USD',
            unit: 'million_tokens',
            input_price: 0.15,
            output_price: 0.6,
          },
        },
      },
    };
  }
  const started = performance.now();
  const manager = await createLLMManager({
    config: { enable_usage_tracking: false, providers },
    env: {},
    watch: false,
  });
  const createMs = performance.now() - started;
  const ask = { model: 'model-0', messages: [{ role: 'user', content: 'hi' }] };
  const firstStarted = performance.now();
  await manager.chatCompletion(ask);
  const firstCallMs = performance.now() - firstStarted;
  const secondStarted = performance.now();
  await manager.chatCompletion(ask);
  const secondCallMs = performance.now() - secondStarted;
  await manager.close();
  return { createMs, firstCallMs, secondCallMs };
}

const jobs = {
  throughput,
  memory,
  import: importModules,
  'import-steps': importSteps,
  'create-manager': createManager,
};
const result = await jobs[job.kind]();
process.stdout.write(`${JSON.stringify(result)}\n`);
