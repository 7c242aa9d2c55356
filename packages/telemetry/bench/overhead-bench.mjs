// What telemetry and the response cache cost a manager call, after `pnpm build`:
//
//   node packages/telemetry/bench/overhead-bench.mjs [--mode chat|stream|both] [--pairs 16] [--batch 300]
//   node packages/telemetry/bench/overhead-bench.mjs --events [--calls 20000] [--rounds 5]
//   node packages/telemetry/bench/overhead-bench.mjs --profile [--mode chat|stream|both] [--calls 4000]
//        [--variant '@llm/manager'] [--match fnA,fnB] [--frames]
//   node packages/telemetry/bench/overhead-bench.mjs --separate [--mode chat] [--rounds 5] [--calls 2000]
//        [--warmup 200[,3000]] [--only <part,…>]
//
// `--separate`: each variant in a fresh process of its own (this script with `--child`), as
// `pnpm bench` runs them: the bench's two variants and each part of `--components`, rounds
// rotating their order; CPU per call, calls/s, the GC's main-thread pauses per call, the heap.
//
// Default (paired): the side-by-side bench's own two variants (`bench/src/variants.mjs`:
// `@llm/manager`, and `@llm/manager + telemetry + cache` with Prometheus, OpenTelemetry SDK spans
// batched to a dropping exporter, SDK metrics and `[llm.cache] enabled`), both built in this
// process against one simulator process; batches of calls alternate between them, each pair back
// to back, so load drift on a shared machine hits both sides of a pair alike. Reports the median
// over pairs of the ratio of client CPU per call and of calls/s.
//
// `--profile`: the telemetry + cache variant alone under the V8 sampling profiler (in this
// process, 100 µs interval): the share of its busy samples whose stack holds a frame of telemetry
// or the cache (this package, prom-client, @opentelemetry/*, @llm/cache, the manager's cache
// wrapper), inclusive of what they call. A share of samples of one process is a ratio of its own
// CPU, so it holds on a machine too loaded for calls/s or CPU per call to compare across runs.
//
// `--events`: the subscribers' own CPU, in one process without a network: a plain EventEmitter fed
// the events a manager emits for one successful chat call (call-start, cache-miss, attempt-start,
// attempt-end, call-end, with the manager's payloads), each subscriber set alone and all together,
// alternated over rounds. `--telemetry <dist/index.js>` loads another build of this package.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
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

// ---- components: each part of the telemetry variant on its own -------------------------------

const MODEL = 'gpt-4o-mini';

/** A package as the side-by-side bench imports it (this package depends on no manager). */
async function fromBench(name) {
  const directory = join(root, 'bench/node_modules', name);
  const manifest = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8'));
  return import(pathToFileURL(join(directory, manifest.exports['.'].import.default)).href);
}
const MESSAGES = [{ role: 'user', content: 'Say hello in five words.' }];

/** The side-by-side bench's manager (ledger, retry, breaker), with `parts` of its telemetry variant. */
async function componentManager(urls, parts) {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  await fromBench('@llm/providers-openai');
  const { createLLMManager } = await fromBench('@llm/manager');
  const telemetry = await loadTelemetry();
  const { Registry } = await import('prom-client');
  const { BasicTracerProvider, BatchSpanProcessor, SimpleSpanProcessor } =
    await import('@opentelemetry/sdk-trace-base');
  const { MeterProvider } = await import('@opentelemetry/sdk-metrics');
  const { trace, metrics } = await import('@opentelemetry/api');
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
          base_url: urls.openaiBaseURL,
          retry: { max_attempts: 3 },
          circuit_breaker: { failure_threshold: 5 },
          models: { [MODEL]: {} },
        },
      },
      ...(parts.cache && { cache: { enabled: true } }),
    },
    env: {},
    watch: false,
    cwd: directory,
  });
  const stops = [];
  if (parts.listeners) {
    // Empty listeners on the events only the telemetry subscribers read: what the manager pays to
    // build and emit their payloads. With `spin`, the attempt-start one also keeps the CPU busy
    // for that many µs: what a known cost of a listener turns into under load.
    const nothing = () => undefined;
    const spin = () => {
      const until = performance.now() + parts.spin / 1000;
      while (performance.now() < until);
    };
    for (const name of ['call-start', 'attempt-start', 'attempt-end', 'cache-miss'])
      manager.on(name, name === 'attempt-start' && parts.spin ? spin : nothing);
    stops.push(async () => {
      for (const name of ['call-start', 'attempt-start', 'attempt-end', 'cache-miss'])
        manager.off(name, name === 'attempt-start' && parts.spin ? spin : nothing);
    });
  }
  if (parts.prometheus)
    stops.push(telemetry.createPrometheusMetrics(manager, { registry: new Registry() }).close);
  if (parts.traces || parts.otelMetrics || parts.otelNoSdk) {
    const dropping = {
      export: (_spans, done) => done({ code: 0 }),
      shutdown: async () => undefined,
    };
    // `simple`: each span handed to the exporter as it ends, none kept for a batch.
    const processor =
      parts.traces === 'simple'
        ? new SimpleSpanProcessor(dropping)
        : new BatchSpanProcessor(dropping);
    const tracerProvider = parts.traces
      ? new BasicTracerProvider({ spanProcessors: [processor] })
      : trace.getTracerProvider();
    const meterProvider = parts.otelMetrics ? new MeterProvider() : metrics.getMeterProvider();
    const stop = telemetry.instrumentOpenTelemetry(manager, { tracerProvider, meterProvider });
    stops.push(async () => {
      stop();
      await tracerProvider.shutdown?.();
      await meterProvider.shutdown?.();
    });
  }
  return {
    chat: () => manager.chatCompletion({ model: MODEL, messages: MESSAGES }),
    async stream() {
      for await (const _chunk of manager.streamCompletion({ model: MODEL, messages: MESSAGES }));
    },
    async close() {
      for (const stop of stops) await stop();
      await manager.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

const COMPONENTS = {
  '@llm/manager': {},
  '+ listeners that do nothing': { listeners: true },
  '+ those listeners, one spinning 10 µs': { listeners: true, spin: 10 },
  '+ those listeners, one spinning 40 µs': { listeners: true, spin: 40 },
  '+ [llm.cache] enabled': { cache: true },
  '+ prometheus': { prometheus: true },
  '+ OpenTelemetry, no SDK': { otelNoSdk: true },
  '+ OTel SDK spans (batched, dropped)': { traces: true },
  '+ OTel SDK spans (each exported at its end)': { traces: 'simple' },
  '+ OTel SDK metrics (no reader)': { otelMetrics: true },
  'all (the bench variant)': { cache: true, prometheus: true, traces: true, otelMetrics: true },
};

async function components() {
  const rounds = Number(option('--pairs', '8'));
  const batchCalls = Number(option('--batch', '300'));
  const mode = option('--mode', 'both');
  const modes = mode === 'both' ? ['chat', 'stream'] : [mode];
  const only = option('--only', undefined)?.split(',');
  const names = Object.keys(COMPONENTS).filter(
    (name, index) => index === 0 || only === undefined || only.some((part) => name.includes(part)),
  );
  const simulator = await startSimulatorProcess();
  const clients = {};
  for (const name of names)
    clients[name] = await componentManager(simulator.urls, COMPONENTS[name]);
  try {
    for (const each of modes) {
      for (const name of names) await batch(clients[name][each], batchCalls);
      const samples = Object.fromEntries(names.map((name) => [name, []]));
      for (let round = 0; round < rounds; round++) {
        // Rotate the order, so that no variant always runs in another's garbage.
        const order = names.map((_, index) => names[(index + round) % names.length]);
        for (const name of order) samples[name].push(await batch(clients[name][each], batchCalls));
      }
      const base = samples[names[0]];
      console.log(
        `${each}: ${rounds} rounds of ${batchCalls} calls per variant at concurrency 32, medians`,
      );
      for (const name of names) {
        const cpu = median(samples[name].map((sample) => sample.cpuUsPerCall));
        const ratio = median(
          samples[name].map((sample, index) => sample.cpuUsPerCall / base[index].cpuUsPerCall),
        );
        const rate = median(
          samples[name].map((sample, index) => sample.callsPerSecond / base[index].callsPerSecond),
        );
        console.log(
          `  ${name.padEnd(38)} ${cpu.toFixed(0).padStart(5)} µs CPU/call` +
            (name === names[0]
              ? ''
              : `, per round CPU ${percent(ratio)}, calls/s ${percent(rate)}`),
        );
      }
    }
  } finally {
    for (const client of Object.values(clients)) await client.close();
    simulator.stop();
  }
}

// ---- separate: each variant in a fresh process, as the side-by-side bench runs them ------------

/**
 * One variant's calls in this (fresh) process: `--child '<json>'`. `bench` names a variant of
 * `bench/src/variants.mjs` (built exactly as `pnpm bench` builds it); otherwise `parts` of
 * COMPONENTS. Prints CPU per call, calls/s, and the garbage collector's pauses per call
 * (`PerformanceObserver` gc entries: the main thread's stop-the-world time) and the heap at the end.
 */
async function child() {
  const job = JSON.parse(option('--child', '{}'));
  const { PerformanceObserver } = await import('node:perf_hooks');
  let client;
  if (job.bench) {
    const { VARIANTS } = await import(pathToFileURL(join(root, 'bench/src/variants.mjs')).href);
    client = await VARIANTS[job.bench](job.urls);
  } else client = await componentManager(job.urls, job.parts);
  const call = client[job.mode];
  await batch(call, job.warmup);
  let gcMs = 0;
  let gcCount = 0;
  let majorMs = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gcMs += entry.duration;
      gcCount += 1;
      // kind 4 = major (mark-compact), 1 = minor (scavenge)
      if (entry.detail?.kind === 4) majorMs += entry.duration;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  const result = await batch(call, job.calls);
  await new Promise((done) => setImmediate(done));
  observer.disconnect();
  const heapMb = process.memoryUsage().heapUsed / 1024 / 1024;
  await client.close();
  process.stdout.write(
    `${JSON.stringify({ ...result, gcUsPerCall: (gcMs * 1000) / job.calls, majorUsPerCall: (majorMs * 1000) / job.calls, gcCount, heapMb })}\n`,
  );
}

/** The variants `--separate` compares: the bench's own two, then each part of COMPONENTS. */
const SEPARATE = {
  '@llm/manager (bench)': { bench: '@llm/manager' },
  'telemetry + cache (bench)': { bench: '@llm/manager + telemetry + cache' },
  ...Object.fromEntries(
    Object.entries(COMPONENTS)
      .filter(([name]) => name !== '@llm/manager')
      .map(([name, parts]) => [name, { parts }]),
  ),
};

function runChild(job) {
  return new Promise((resolveRun, reject) => {
    const spawned = spawn(
      process.execPath,
      [fileURLToPath(import.meta.url), '--child', JSON.stringify(job)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    spawned.stdout.on('data', (chunk) => (out += chunk));
    spawned.on('exit', (code) => {
      const lines = out.trim().split('\n');
      if (code !== 0) reject(new Error(`child exited with ${code}: ${out}`));
      else resolveRun(JSON.parse(lines[lines.length - 1]));
    });
  });
}

async function separate() {
  const rounds = Number(option('--rounds', '5'));
  const calls = Number(option('--calls', '2000'));
  // `--warmup 200,3000`: every variant once per warm-up count in each round (the first is the base).
  const warmups = option('--warmup', '200').split(',').map(Number);
  const mode = option('--mode', 'chat');
  const only = option('--only', undefined)?.split(',');
  const chosen = Object.keys(SEPARATE).filter(
    (name, index) => index === 0 || only === undefined || only.some((part) => name.includes(part)),
  );
  const jobs = new Map();
  for (const warmup of warmups)
    for (const name of chosen)
      jobs.set(warmups.length === 1 ? name : `${name}, ${warmup} warm-up`, { name, warmup });
  const names = [...jobs.keys()];
  const simulator = await startSimulatorProcess();
  const samples = Object.fromEntries(names.map((name) => [name, []]));
  try {
    for (let round = 0; round < rounds; round++) {
      const order = names.map((_, index) => names[(index + round) % names.length]);
      for (const name of order) {
        const { name: variant, warmup } = jobs.get(name);
        const sample = await runChild({
          ...SEPARATE[variant],
          urls: simulator.urls,
          mode,
          calls,
          warmup,
        });
        samples[name].push(sample);
        process.stderr.write(
          `round ${round + 1} ${name}: ${sample.callsPerSecond.toFixed(0)} calls/s, ` +
            `${sample.cpuUsPerCall.toFixed(0)} µs CPU, GC ${sample.gcUsPerCall.toFixed(0)} µs/call\n`,
        );
      }
    }
  } finally {
    simulator.stop();
  }
  const base = samples[names[0]];
  console.log(
    `${mode}: ${rounds} rounds, each variant in its own process (${warmups.join(' or ')} warm-up + ${calls} calls at concurrency 32), medians`,
  );
  for (const name of names) {
    const pick = (field) => median(samples[name].map((sample) => sample[field]));
    const per = (field) =>
      median(samples[name].map((sample, index) => sample[field] / base[index][field]));
    console.log(
      `  ${name.padEnd(44)} ${pick('callsPerSecond').toFixed(0).padStart(5)} calls/s ` +
        `${pick('cpuUsPerCall').toFixed(0).padStart(5)} µs CPU/call, GC ${pick('gcUsPerCall').toFixed(0)} µs/call ` +
        `(major ${pick('majorUsPerCall').toFixed(0)}), heap ${pick('heapMb').toFixed(0)} MB` +
        (name === names[0]
          ? ''
          : `; per round calls/s ${percent(per('callsPerSecond'))}, CPU ${percent(per('cpuUsPerCall'))}`),
    );
  }
}

// ---- profile: the share of the telemetry variant's CPU spent in telemetry and the cache -------

/** Which part a frame belongs to, or undefined for the rest of the manager, the SDK and Node. */
const CACHE_WRAPPER = new Set([
  'observedChat',
  'observedEmbed',
  'observedStream',
  'knownDecision',
  'cacheDecision',
  'cachedUnary',
  'cachedStream',
  'callEnded',
  'cachePlan',
  'answerChunks',
  'replay',
]);
// This package's bundle marks where each source file's code begins (`// src/open-telemetry.ts`):
// a frame of it is named by its file, so the Prometheus and OpenTelemetry subscribers part.
const bundleFiles = new Map();
function telemetryFileOf(url, line) {
  if (!bundleFiles.has(url)) {
    const starts = [];
    try {
      readFileSync(fileURLToPath(url), 'utf8')
        .split('\n')
        .forEach((text, index) => {
          const marker = /^\/\/ src\/(.+)\.ts$/.exec(text);
          if (marker) starts.push([index, marker[1]]);
        });
    } catch {
      // Not a file URL: the frame keeps the package's name alone.
    }
    bundleFiles.set(url, starts);
  }
  let file;
  for (const [start, name] of bundleFiles.get(url)) if (start <= line) file = name;
  return file;
}

function partOf(frame) {
  const url = frame.url;
  if (url.includes('/prom-client/')) return 'prometheus (prom-client)';
  if (url.includes('/@opentelemetry/')) return 'OpenTelemetry SDK';
  if (url.includes('/pino')) return 'logs (pino)';
  if (url.includes('/packages/telemetry/dist/')) {
    const file = telemetryFileOf(url, frame.lineNumber);
    return file ? `@llm/telemetry ${file}` : '@llm/telemetry';
  }
  if (url.includes('/packages/cache/dist/')) return '@llm/cache';
  if (url.includes('/packages/manager/dist/') && CACHE_WRAPPER.has(frame.functionName))
    return 'manager cache wrapper';
  return undefined;
}

async function profile() {
  const calls = Number(option('--calls', '4000'));
  const mode = option('--mode', 'both');
  const modes = mode === 'both' ? ['chat', 'stream'] : [mode];
  const { Session } = await import('node:inspector/promises');
  const { VARIANTS } = await import(pathToFileURL(join(root, 'bench/src/variants.mjs')).href);
  const simulator = await startSimulatorProcess();
  const full = await VARIANTS[option('--variant', '@llm/manager + telemetry + cache')](
    simulator.urls,
  );
  // `--match fnA,fnB`: also the share of samples with any of these functions on the stack (inclusive).
  const matched = option('--match', undefined)?.split(',');
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    for (const each of modes) {
      await batch(full[each], 500);
      await session.post('Profiler.start');
      await batch(full[each], calls);
      const { profile: recorded } = await session.post('Profiler.stop');
      const parent = new Map();
      for (const node of recorded.nodes)
        for (const child of node.children ?? []) parent.set(child, node.id);
      const byId = new Map(recorded.nodes.map((node) => [node.id, node]));
      // The part a node's stack belongs to: the nearest frame that is either a part's or other
      // code of ours or of a library (which ends the walk: the manager's call path runs inside
      // the cache wrapper, and is not its cost); Node's internals in between are passed over.
      const parts = new Map();
      const partOfNode = (id) => {
        if (parts.has(id)) return parts.get(id);
        const frame = byId.get(id).callFrame;
        const own = partOf(frame);
        const opaque = own === undefined && frame.url !== '' && !frame.url.startsWith('node:');
        const part = own ?? (opaque || !parent.has(id) ? undefined : partOfNode(parent.get(id)));
        parts.set(id, part);
        return part;
      };
      let busy = 0;
      let collecting = 0;
      const counts = new Map();
      for (const id of recorded.samples) {
        const name = byId.get(id).callFrame.functionName;
        if (name === '(idle)' || name === '(program)') continue;
        busy += 1;
        if (name === '(garbage collector)') collecting += 1;
        const part = partOfNode(id);
        if (part !== undefined) counts.set(part, (counts.get(part) ?? 0) + 1);
      }
      const total = [...counts.values()].reduce((sum, count) => sum + count, 0);
      console.log(
        `${each}: ${calls} calls, ${busy} busy samples; telemetry + cache ${((total / busy) * 100).toFixed(1)} % of them ` +
          `(${((total / (busy - total)) * 100).toFixed(1)} % on top of the rest)`,
      );
      console.log(`  (garbage collector)        ${((collecting / busy) * 100).toFixed(2)} %`);
      for (const [part, count] of [...counts].sort((a, b) => b[1] - a[1]))
        console.log(`  ${part.padEnd(26)} ${((count / busy) * 100).toFixed(2)} %`);
      if (matched !== undefined) {
        const within = new Map();
        const onStack = (id) => {
          if (within.has(id)) return within.get(id);
          const name = byId.get(id).callFrame.functionName;
          const found = matched.includes(name)
            ? name
            : parent.has(id)
              ? onStack(parent.get(id))
              : undefined;
          within.set(id, found);
          return found;
        };
        const byName = new Map();
        for (const id of recorded.samples) {
          const found = onStack(id);
          if (found !== undefined) byName.set(found, (byName.get(found) ?? 0) + 1);
        }
        for (const name of matched)
          console.log(
            `  on the stack: ${name.padEnd(24)} ${(((byName.get(name) ?? 0) / busy) * 100).toFixed(2)} %`,
          );
      }
      if (process.argv.includes('--frames')) {
        const frames = new Map();
        for (const id of recorded.samples) {
          if (partOfNode(id) === undefined) continue;
          const { functionName, url, lineNumber } = byId.get(id).callFrame;
          const name = `${functionName || '(anonymous)'} ${url.replace(/.*node_modules\//, '').replace(/.*packages\//, '')}:${lineNumber + 1}`;
          frames.set(name, (frames.get(name) ?? 0) + 1);
        }
        for (const [name, count] of [...frames].sort((a, b) => b[1] - a[1]).slice(0, 25))
          console.log(`    ${((count / busy) * 100).toFixed(2)} %  ${name}`);
      }
    }
  } finally {
    session.disconnect();
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

await (process.argv.includes('--child')
  ? child()
  : process.argv.includes('--separate')
    ? separate()
    : process.argv.includes('--events')
      ? events()
      : process.argv.includes('--components')
        ? components()
        : process.argv.includes('--profile')
          ? profile()
          : paired());
