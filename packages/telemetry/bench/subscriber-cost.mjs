// `node packages/telemetry/bench/subscriber-cost.mjs [--calls 20000] [--telemetry <dist/index.js>]`
// after `pnpm build`: the CPU the subscribers spend per call, in one process and without a network,
// so the figure is steady on a shared machine. A plain EventEmitter is fed the events a manager emits
// for one successful chat call (call-start, cache-miss, attempt-start, attempt-end, call-end, with
// realistic payloads); each subscriber set is timed alone and all together, alternated over rounds.
import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { median, option } from './bench-options.mjs';

const calls = Number(option('--calls', '20000'));
const rounds = Number(option('--rounds', '5'));
const telemetryPath = option('--telemetry', undefined);
const telemetry = await import(
  telemetryPath ? pathToFileURL(resolve(telemetryPath)).href : '@llm/telemetry'
);
const { Registry } = await import('prom-client');
const { BasicTracerProvider, BatchSpanProcessor } = await import('@opentelemetry/sdk-trace-base');
const { MeterProvider } = await import('@opentelemetry/sdk-metrics');

const KEY = 'sk-bench-000000000000';
// What the manager passes: the config's keys, read by walking the config on every read.
const config = { providers: [{ name: 'openai', api_key: KEY, models: [{ name: 'gpt-4o-mini' }] }] };
const secrets = () => {
  const found = [];
  for (const provider of config.providers)
    for (const [key, value] of Object.entries(provider)) if (key === 'api_key') found.push(value);
  return found;
};
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

const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
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
};
setups['all three'] = (source) => {
  const stops = ['logs (pino at warn)', 'prometheus', 'OpenTelemetry SDK'].map((name) =>
    setups[name](source),
  );
  return () => stops.forEach((stop) => stop());
};

function measure(name) {
  const source = new EventEmitter();
  const stop = setups[name](source);
  for (let index = 0; index < 2000; index++) emitCall(source, index); // warm-up
  const before = process.cpuUsage();
  for (let index = 0; index < calls; index++) emitCall(source, index);
  const used = process.cpuUsage(before);
  stop();
  return (used.user + used.system) / calls;
}

const samples = Object.fromEntries(Object.keys(setups).map((name) => [name, []]));
for (let round = 0; round < rounds; round++)
  for (const name of Object.keys(setups)) samples[name].push(measure(name));
const base = median(samples['no subscriber']);
console.log(`${calls} calls x ${rounds} rounds, medians, CPU µs per call (5 events)`);
for (const [name, values] of Object.entries(samples)) {
  const value = median(values);
  console.log(
    `${name.padEnd(22)} ${value.toFixed(1).padStart(7)} µs${name === 'no subscriber' ? '' : `  (+${(value - base).toFixed(1)} µs)`}`,
  );
}
