// What telemetry and the response cache cost a manager call, after `pnpm build`:
//
//   node packages/telemetry/bench/overhead-bench.mjs [--mode chat|stream|both] [--pairs 16] [--batch 300]
//   node packages/telemetry/bench/overhead-bench.mjs --events [--calls 20000] [--rounds 5]
//
// Default (paired): the side-by-side bench's own two variants (`bench/src/variants.mjs`:
// `@llm/manager`, and `@llm/manager + telemetry + cache` with Prometheus, OpenTelemetry SDK spans
// batched to a dropping exporter, SDK metrics and `[llm.cache] enabled`), both built in this
// process against one simulator process; batches of calls alternate between them, each pair back
// to back, so load drift on a shared machine hits both sides of a pair alike. Reports the median
// over pairs of the ratio of client CPU per call and of calls/s.
//
// `--events`: the subscribers' own CPU, in one process without a network: a plain EventEmitter fed
// the events a manager emits for one successful chat call (call-start, cache-miss, attempt-start,
// attempt-end, call-end, with the manager's payloads), each subscriber set alone and all together,
// alternated over rounds. `--telemetry <dist/index.js>` loads another build of this package.
import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** The value after `name` on the command line, or `fallback` when the flag is absent. */
function option(name, fallback) {
  const argv = process.argv.slice(2);
  const index = argv.indexOf(name);
  return index === -1 ? fallback : argv[index + 1];
}

/** The middle value (the upper one of an even count). */
function median(values) {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

const percent = (ratio) => `${ratio >= 1 ? '+' : ''}${((ratio - 1) * 100).toFixed(1)} %`;

async function loadTelemetry() {
  const path = option('--telemetry', undefined);
  return import(path ? pathToFileURL(resolve(path)).href : '@llm/telemetry');
}

// ---- paired: the bench's two manager variants, alternated in one process ---------------------

async function startSimulatorProcess() {
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
  return { urls, stop: () => simulator.stdin.end() };
}

async function batch(call, calls) {
  let next = 0;
  const worker = async () => {
    while (next++ < calls) await call().catch(() => undefined);
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

async function paired() {
  const pairs = Number(option('--pairs', '16'));
  const batchCalls = Number(option('--batch', '300'));
  const mode = option('--mode', 'both');
  const modes = mode === 'both' ? ['chat', 'stream'] : [mode];
  const { VARIANTS } = await import(pathToFileURL(join(root, 'bench/src/variants.mjs')).href);
  const simulator = await startSimulatorProcess();
  const plain = await VARIANTS['@llm/manager'](simulator.urls);
  const full = await VARIANTS['@llm/manager + telemetry + cache'](simulator.urls);
  try {
    for (const each of modes) {
      await batch(plain[each], batchCalls);
      await batch(full[each], batchCalls);
      const off = [];
      const on = [];
      for (let index = 0; index < pairs; index++) {
        // Alternate which side goes first, so neither always runs in the other's garbage.
        if (index % 2) {
          on.push(await batch(full[each], batchCalls));
          off.push(await batch(plain[each], batchCalls));
        } else {
          off.push(await batch(plain[each], batchCalls));
          on.push(await batch(full[each], batchCalls));
        }
      }
      const ratio = (field) => median(on.map((sample, index) => sample[field] / off[index][field]));
      const show = (samples) =>
        `${median(samples.map((sample) => sample.callsPerSecond)).toFixed(0)} calls/s, ` +
        `${median(samples.map((sample) => sample.cpuUsPerCall)).toFixed(0)} µs CPU/call`;
      console.log(`${each}: ${pairs} pairs of ${batchCalls} calls at concurrency 32, medians`);
      console.log(`  @llm/manager:                     ${show(off)}`);
      console.log(`  @llm/manager + telemetry + cache: ${show(on)}`);
      console.log(
        `  per pair: CPU per call ${percent(ratio('cpuUsPerCall'))}, calls/s ${percent(ratio('callsPerSecond'))}`,
      );
    }
  } finally {
    await plain.close();
    await full.close();
    simulator.stop();
  }
}

// ---- events: the subscribers alone, no manager and no network ---------------------------------

const request = {
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content: 'Say hello in five words.' }],
};
const usage = {
  prompt_tokens: 13,
  completion_tokens: 6,
  total_tokens: 19,
  cost: 0.00000555,
  currency: 'USD',
};

function emitCall(source, index) {
  const ids = { call_id: `call-${index}`, request_id: `call-${index}` };
  source.emit('call-start', {
    ...ids,
    operation: 'chat',
    stream: false,
    model: 'gpt-4o-mini',
    request,
  });
  source.emit('cache-miss', { ...ids, model: 'gpt-4o-mini', key_hash: 'f'.repeat(64) });
  source.emit('attempt-start', {
    ...ids,
    attempt: 1,
    provider: 'openai',
    model: 'gpt-4o-mini',
    request,
  });
  source.emit('attempt-end', {
    ...ids,
    attempt: 1,
    provider: 'openai',
    model: 'gpt-4o-mini',
    outcome: 'success',
    duration_ms: 1.2,
  });
  source.emit('call-end', {
    ...ids,
    operation: 'chat',
    stream: false,
    provider: 'openai',
    model: 'gpt-4o-mini',
    outcome: 'success',
    duration_ms: 1.5,
    attempts: 1,
    usage,
    cost: 0.00000555,
    currency: 'USD',
    cost_decimal: '0.00000555',
    response_model: 'gpt-4o-mini-2024-07-18',
    finish_reason: 'stop',
    content: 'Hello there, how are you?',
  });
}

async function events() {
  const calls = Number(option('--calls', '20000'));
  const rounds = Number(option('--rounds', '5'));
  const telemetry = await loadTelemetry();
  const { Registry } = await import('prom-client');
  const { BasicTracerProvider, BatchSpanProcessor } = await import('@opentelemetry/sdk-trace-base');
  const { MeterProvider } = await import('@opentelemetry/sdk-metrics');
  const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
  const secrets = () => ['sk-bench-000000000000'];
  const setups = {
    'no subscriber': () => () => undefined,
    'logs (pino at warn)': (source) =>
      telemetry.subscribeLogs(source, {
        logger: telemetry.createDefaultLogger({ level: 'warn', destination: sink }),
        secrets,
      }),
    prometheus: (source) =>
      telemetry.createPrometheusMetrics(source, { registry: new Registry() }).close,
    'OpenTelemetry SDK': (source) => {
      const dropping = {
        export: (_spans, done) => done({ code: 0 }),
        shutdown: async () => undefined,
      };
      const tracerProvider = new BasicTracerProvider({
        spanProcessors: [new BatchSpanProcessor(dropping)],
      });
      return telemetry.instrumentOpenTelemetry(source, {
        tracerProvider,
        meterProvider: new MeterProvider(),
      });
    },
    'OpenTelemetry, no SDK': (source) => telemetry.instrumentOpenTelemetry(source),
  };
  setups['all three (SDK)'] = (source) => {
    const stops = ['logs (pino at warn)', 'prometheus', 'OpenTelemetry SDK'].map((name) =>
      setups[name](source),
    );
    return () => stops.forEach((stop) => stop());
  };
  const measure = (name) => {
    const source = new EventEmitter();
    const stop = setups[name](source);
    for (let index = 0; index < 2000; index++) emitCall(source, index); // warm-up
    const before = process.cpuUsage();
    for (let index = 0; index < calls; index++) emitCall(source, index);
    const used = process.cpuUsage(before);
    stop();
    return (used.user + used.system) / calls;
  };
  const samples = Object.fromEntries(Object.keys(setups).map((name) => [name, []]));
  for (let round = 0; round < rounds; round++)
    for (const name of Object.keys(setups)) samples[name].push(measure(name));
  const base = median(samples['no subscriber']);
  console.log(`${calls} calls x ${rounds} rounds, medians, CPU µs per call (5 events)`);
  for (const [name, values] of Object.entries(samples)) {
    const value = median(values);
    const added = name === 'no subscriber' ? '' : `  (+${(value - base).toFixed(1)} µs)`;
    console.log(`${name.padEnd(24)} ${value.toFixed(1).padStart(7)} µs${added}`);
  }
}

await (process.argv.includes('--events') ? events() : paired());
