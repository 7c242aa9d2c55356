// `node packages/cache/bench/cache-key-bench.mjs` after `pnpm build`: the cost of one cache key
// (normalize + canonical JSON + SHA-256) for a short and a long chat request, and of storing and
// reading back a typical answer through the response cache on its memory store, and of a streamed
// answer of 60 chunks on a miss: kept as its chunks (what the cache did before) or assembled by the
// StreamRecorder, each then stored, read back and replayed (µs per operation).
import { performance } from 'node:perf_hooks';
import { cacheKey, createResponseCache, StreamRecorder } from '../dist/index.js';

const short = {
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content: 'Say hello in five words.' }],
  temperature: 0,
};
const long = {
  model: 'gpt-4o',
  temperature: 0,
  max_tokens: 512,
  messages: Array.from({ length: 20 }, (_, index) => ({
    role: index % 2 ? 'assistant' : 'user',
    content: `Turn ${index}: ${'lorem ipsum dolor sit amet '.repeat(20)}`,
  })),
  tools: [
    {
      type: 'function',
      function: {
        name: 'lookup',
        description: 'Looks a word up',
        parameters: {
          type: 'object',
          properties: { word: { type: 'string' } },
          required: ['word'],
        },
      },
    },
  ],
};
const answer = {
  id: 'chatcmpl-1',
  model: 'gpt-4o-mini-2024-07-18',
  provider: 'openai',
  content: 'Hello there, how are you?',
  finish_reason: 'stop',
  usage: { prompt_tokens: 13, completion_tokens: 6, total_tokens: 19 },
  metadata: { request_id: 'req_1', latency_ms: 12 },
};

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
function time(operation, count) {
  const runs = [];
  for (let round = 0; round < 7; round++) {
    const started = performance.now();
    for (let index = 0; index < count; index++) operation(index);
    runs.push(((performance.now() - started) * 1000) / count);
  }
  return median(runs);
}

const cache = createResponseCache({ settings: () => ({ enabled: true }) });
const plans = Array.from({ length: 500 }, (_, index) => ({ key: `k${index}`, ttlMs: 60_000 }));
console.log(
  `cacheKey, short chat request: ${time(() => cacheKey('chat', short), 20_000).toFixed(2)} µs`,
);
console.log(
  `cacheKey, 20-message request with a tool: ${time(() => cacheKey('chat', long), 2_000).toFixed(2)} µs`,
);
let hits = 0;
const started = performance.now();
for (let index = 0; index < 20_000; index++) {
  const plan = plans[index % plans.length];
  await cache.remember(plan, answer);
  if ((await cache.lookup(plan.key)) !== undefined) hits += 1;
}
console.log(
  `remember + lookup of an answer (memory store): ${(((performance.now() - started) * 1000) / 20_000).toFixed(2)} µs (${hits} hits)`,
);

const streamed = [
  ...Array.from({ length: 59 }, (_, index) => ({ type: 'text-delta', delta: `word${index} ` })),
  {
    type: 'finish',
    finish_reason: 'stop',
    model: 'gpt-4o-mini-2024-07-18',
    usage: { prompt_tokens: 13, completion_tokens: 59, total_tokens: 72 },
    metadata: { provider_name: 'openai', request_id: 'req_1' },
  },
];
async function streamMiss(assembled, index) {
  const plan = plans[index % plans.length];
  let value;
  if (assembled) {
    const recorder = new StreamRecorder();
    for (const chunk of streamed) recorder.add(chunk);
    value = recorder.stored();
  } else {
    const seen = [];
    for (const chunk of streamed) seen.push(chunk);
    value = seen;
  }
  await cache.remember(plan, { provider: 'openai', model: 'gpt-4o-mini', value });
  const stored = await cache.lookup(plan.key);
  return cache.replayStream(stored.value).length;
}
for (const assembled of [false, true, false, true]) {
  const begun = performance.now();
  for (let index = 0; index < 5_000; index++) await streamMiss(assembled, index);
  console.log(
    `60-chunk stream stored ${assembled ? 'assembled' : 'as chunks'}, read back, replayed: ${(((performance.now() - begun) * 1000) / 5_000).toFixed(2)} µs`,
  );
}
