// The transport choices side by side, in one process so that the load of a shared machine falls on
// all of them alike: `node src/measure-transport.mjs [--batches N] [--batch N] [--concurrency N]`.
// One simulator process; one openai SDK client per transport; batches of calls alternated between
// the clients (a different one first each time), client CPU (process.cpuUsage) and wall time summed
// per client; chat and stream. Prints CPU µs per call and calls/s, medians of the batches.
import { performance } from 'node:perf_hooks';
import OpenAI from 'openai';
import { Agent, fetch as undiciFetch } from 'undici';
import { startSimulatorProcess } from './start-simulator-process.mjs';
import { API_KEY, MODEL } from './variants.mjs';

const MESSAGES = [{ role: 'user', content: 'Say hello in five words.' }];

function option(flag, fallback) {
  const index = process.argv.indexOf(flag);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
}
const batches = option('--batches', 30);
const batchSize = option('--batch', 200);
const concurrency = option('--concurrency', 32);

const { child, urls } = await startSimulatorProcess();
const pool = (options = { connections: 64, keepAliveTimeout: 30_000 }) => new Agent(options);
const base = { apiKey: API_KEY, baseURL: urls.openaiBaseURL, maxRetries: 0 };
const agents = [];
const withPool = (fetch, options) => {
  const dispatcher = pool(options);
  agents.push(dispatcher);
  return new OpenAI({ ...base, fetch, fetchOptions: { dispatcher } });
};
// Node's own Agent class (the bundled undici), found through the global dispatcher it installs on
// the first global fetch: a pool of Node's code with the same options as ours.
await fetch(urls.openaiBaseURL).catch(() => undefined);
const NodeAgent = globalThis[Symbol.for('undici.globalDispatcher.1')].constructor;
const nodePool = new NodeAgent({ connections: 64, keepAliveTimeout: 30_000 });
agents.push(nodePool);
const clients = {
  '(c) global fetch, Node’s global dispatcher (raw SDK)': new OpenAI(base),
  '(a) global fetch + undici Agent': withPool(globalThis.fetch),
  '(b) undici fetch + undici Agent': withPool(undiciFetch),
  '(e) global fetch + undici Agent with Node’s defaults': withPool(globalThis.fetch, {}),
  '(d) global fetch + Node’s own Agent class, our options': new OpenAI({
    ...base,
    fetchOptions: { dispatcher: nodePool },
  }),
};

const calls = {
  chat: (client) => client.chat.completions.create({ model: MODEL, messages: MESSAGES }),
  async stream(client) {
    const stream = await client.chat.completions.create({
      model: MODEL,
      messages: MESSAGES,
      stream: true,
      stream_options: { include_usage: true },
    });
    for await (const chunk of stream) void chunk;
  },
};

async function batch(call, client, count) {
  let next = 0;
  const worker = async () => {
    while (next++ < count) await call(client);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const names = Object.keys(clients);
try {
  for (const mode of ['chat', 'stream']) {
    const call = calls[mode];
    for (const name of names) await batch(call, clients[name], batchSize); // warm-up
    const cpu = Object.fromEntries(names.map((name) => [name, []]));
    const rate = Object.fromEntries(names.map((name) => [name, []]));
    for (let round = 0; round < batches; round++) {
      for (let index = 0; index < names.length; index++) {
        const name = names[(index + round) % names.length];
        const cpuBefore = process.cpuUsage();
        const started = performance.now();
        await batch(call, clients[name], batchSize);
        const elapsed = performance.now() - started;
        const used = process.cpuUsage(cpuBefore);
        cpu[name].push((used.user + used.system) / batchSize);
        rate[name].push((batchSize * 1000) / elapsed);
      }
    }
    const [baseline] = names;
    process.stdout.write(
      `\n${mode}: ${batches} batches of ${batchSize} calls per transport at concurrency ${concurrency}\n\n` +
        '| transport | client CPU per call | calls/s |\n| --- | --- | --- |\n',
    );
    for (const name of names) {
      const c = median(cpu[name]);
      const r = median(rate[name]);
      process.stdout.write(
        `| ${name} | ${c.toFixed(0)} µs (${(c / median(cpu[baseline])).toFixed(3)}×) | ` +
          `${r.toFixed(0)} (${(r / median(rate[baseline])).toFixed(3)}×) |\n`,
      );
    }
  }
} finally {
  await Promise.all(agents.map((agent) => agent.close()));
  child.stdin.end();
}
