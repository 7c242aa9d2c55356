// The clients compared by the bench. Each variant builds its client once and returns `chat()` and
// `stream()`, each making one call and resolving when the answer (or the whole stream) is read.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const MODEL = 'gpt-4o-mini';
export const API_KEY = 'sk-bench-000000000000';
const MESSAGES = [{ role: 'user', content: 'Say hello in five words.' }];

async function rawOpenAI({ openaiBaseURL }, given) {
  const { default: OpenAI } = await import('openai');
  const client = given ?? new OpenAI({ apiKey: API_KEY, baseURL: openaiBaseURL, maxRetries: 0 });
  return {
    async chat() {
      const response = await client.chat.completions.create({ model: MODEL, messages: MESSAGES });
      return response.choices[0]?.message.content?.length ?? 0;
    },
    async stream() {
      const stream = await client.chat.completions.create({
        model: MODEL,
        messages: MESSAGES,
        stream: true,
        stream_options: { include_usage: true },
      });
      let length = 0;
      for await (const chunk of stream) length += chunk.choices[0]?.delta.content?.length ?? 0;
      return length;
    },
    close: async () => undefined,
  };
}

/** The raw SDK on a dedicated keep-alive undici pool (its own fetch), as our providers use it. */
async function rawOpenAIKeepAlive({ openaiBaseURL }) {
  const { default: OpenAI } = await import('openai');
  const { Agent, fetch } = await import('undici');
  const dispatcher = new Agent({ connections: 64, keepAliveTimeout: 30_000 });
  const client = new OpenAI({
    apiKey: API_KEY,
    baseURL: openaiBaseURL,
    maxRetries: 0,
    fetch,
    fetchOptions: { dispatcher },
  });
  const raw = await rawOpenAI({ openaiBaseURL }, client);
  return { ...raw, close: () => dispatcher.close() };
}

/**
 * The raw SDK on the same kind of keep-alive pool as `rawOpenAIKeepAlive`, but with Node's global
 * `fetch` (the bundled undici) driving it: the pool and the fetch come from the same undici major.
 */
async function rawOpenAIGlobalFetchPool({ openaiBaseURL }) {
  const { default: OpenAI } = await import('openai');
  const { Agent } = await import('undici');
  const dispatcher = new Agent({ connections: 64, keepAliveTimeout: 30_000 });
  const client = new OpenAI({
    apiKey: API_KEY,
    baseURL: openaiBaseURL,
    maxRetries: 0,
    fetch: globalThis.fetch,
    fetchOptions: { dispatcher },
  });
  const raw = await rawOpenAI({ openaiBaseURL }, client);
  return { ...raw, close: () => dispatcher.close() };
}

/** The raw SDK through `createKeepAliveTransport` of `@llm/core`: what our providers hand it. */
async function rawOpenAICoreTransport({ openaiBaseURL }) {
  const { default: OpenAI } = await import('openai');
  const { createKeepAliveTransport } = await import('@llm/core');
  const transport = await createKeepAliveTransport({ connections: 64 });
  const client = new OpenAI({
    apiKey: API_KEY,
    baseURL: openaiBaseURL,
    maxRetries: 0,
    fetch: transport.fetch,
    fetchOptions: transport.fetchOptions,
  });
  const raw = await rawOpenAI({ openaiBaseURL }, client);
  return { ...raw, close: () => transport.close() };
}

async function vercelAISDK({ openaiBaseURL }) {
  const { generateText, streamText } = await import('ai');
  const { createOpenAI } = await import('@ai-sdk/openai');
  const provider = createOpenAI({ apiKey: API_KEY, baseURL: openaiBaseURL });
  const model = provider.chat(MODEL);
  return {
    async chat() {
      const result = await generateText({ model, messages: MESSAGES, maxRetries: 0 });
      return result.text.length;
    },
    async stream() {
      const result = streamText({ model, messages: MESSAGES, maxRetries: 0 });
      let length = 0;
      for await (const delta of result.textStream) length += delta.length;
      return length;
    },
    close: async () => undefined,
  };
}

/**
 * The openai provider of `@llm/providers-openai` called directly (no manager, no ledger, no
 * retries): what the provider adds to the SDK, apart from what the manager adds.
 */
async function openAIProviderAlone({ openaiBaseURL }) {
  const { OpenAIProvider } = await import('@llm/providers-openai');
  const { LLMProviderConfigSchema } = await import('@llm/core');
  const config = LLMProviderConfigSchema.parse({
    name: 'openai',
    type: 'openai',
    api_key: API_KEY,
    base_url: openaiBaseURL,
    models: [{ name: MODEL }],
  });
  const provider = new OpenAIProvider(config);
  await provider.initialize();
  const request = { model: MODEL, messages: MESSAGES };
  return {
    async chat() {
      const response = await provider.chatCompletion(request);
      return response.content.length;
    },
    async stream() {
      let length = 0;
      for await (const chunk of provider.streamCompletion(request))
        if (chunk.type === 'text-delta') length += chunk.delta.length;
      return length;
    },
    close: async () => provider.dispose(),
  };
}

/**
 * Telemetry as a service runs it: Prometheus series in their own registry, and OpenTelemetry spans
 * and metrics through the SDK, its spans batched to an exporter that drops them (the cost of
 * building, ending and batching every span is paid; shipping them is the collector's).
 */
async function instrument(manager) {
  const { createPrometheusMetrics, instrumentOpenTelemetry } = await import('@llm/telemetry');
  const { Registry } = await import('prom-client');
  const { BasicTracerProvider, BatchSpanProcessor } = await import('@opentelemetry/sdk-trace-base');
  const { MeterProvider } = await import('@opentelemetry/sdk-metrics');
  const dropping = { export: (_spans, done) => done({ code: 0 }), shutdown: async () => undefined };
  const tracerProvider = new BasicTracerProvider({
    spanProcessors: [new BatchSpanProcessor(dropping)],
  });
  const meterProvider = new MeterProvider();
  createPrometheusMetrics(manager, { registry: new Registry() });
  const stop = instrumentOpenTelemetry(manager, { tracerProvider, meterProvider });
  return async () => {
    stop();
    await tracerProvider.shutdown();
    await meterProvider.shutdown();
  };
}

/**
 * Our manager with the usage ledger (JSONL, batched), retries and the circuit breaker on; with
 * `telemetry`, Prometheus and OpenTelemetry subscribed and the response cache on (`[llm.cache]`:
 * every call is looked up; the bench's requests set no temperature, so none is answered from it).
 */
async function llmManager(
  { openaiBaseURL },
  { routing = false, telemetry = false, ledger = true, cost = true, resilience = true } = {},
) {
  await import('@llm/providers-openai');
  const { createLLMManager } = await import('@llm/manager');
  const directory = mkdtempSync(join(tmpdir(), 'llm-bench-'));
  const provider = () => ({
    type: 'openai',
    api_key: API_KEY,
    base_url: openaiBaseURL,
    retry: { max_attempts: resilience ? 3 : 1 },
    circuit_breaker: resilience ? { failure_threshold: 5 } : { enabled: false },
    models: { [MODEL]: {} },
  });
  const config = {
    default_provider: 'openai',
    enable_usage_tracking: ledger,
    cost_tracking: cost,
    usage_data_dir: join(directory, 'usage'),
    providers: routing ? { openai: provider(), backup: provider() } : { openai: provider() },
    ...(routing && {
      models: {
        fast: {
          strategy: 'weighted',
          deployments: [
            { provider: 'openai', model: MODEL, weight: 1 },
            { provider: 'backup', model: MODEL, weight: 1 },
          ],
        },
      },
    }),
    ...(telemetry && { cache: { enabled: true } }),
  };
  const manager = await createLLMManager({ config, env: {}, watch: false, cwd: directory });
  const uninstrument = telemetry ? await instrument(manager) : async () => undefined;
  const model = routing ? 'fast' : MODEL;
  return {
    async chat() {
      const response = await manager.chatCompletion({ model, messages: MESSAGES });
      return response.content.length;
    },
    async stream() {
      let length = 0;
      for await (const chunk of manager.streamCompletion({ model, messages: MESSAGES }))
        if (chunk.type === 'text-delta') length += chunk.delta.length;
      return length;
    },
    async close() {
      await uninstrument();
      await manager.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** Variant name → builder, in the order the table lists them; the first is the baseline. */
export const VARIANTS = {
  'openai SDK (raw)': rawOpenAI,
  'openai SDK + undici keep-alive pool': rawOpenAIKeepAlive,
  'openai SDK + undici pool, global fetch': rawOpenAIGlobalFetchPool,
  'openai SDK + @llm/core transport': rawOpenAICoreTransport,
  'Vercel AI SDK': vercelAISDK,
  '@llm/providers-openai (provider alone)': openAIProviderAlone,
  '@llm/manager': (urls) => llmManager(urls),
  '@llm/manager + routing': (urls) => llmManager(urls, { routing: true }),
  '@llm/manager + telemetry + cache': (urls) => llmManager(urls, { telemetry: true }),
};

/**
 * The bench's `@llm/manager` with one of its parts turned off, for `manager-parts.mjs`: what the
 * ledger, cost tracking, and retry with the circuit breaker each cost a call, and what the manager
 * costs with none of them (its call path alone). Not rows of the main table.
 */
export const MANAGER_PARTS = {
  '@llm/manager, no usage ledger': (urls) => llmManager(urls, { ledger: false }),
  '@llm/manager, no cost tracking': (urls) => llmManager(urls, { cost: false }),
  '@llm/manager, no retry or breaker': (urls) => llmManager(urls, { resilience: false }),
  '@llm/manager, none of the three': (urls) =>
    llmManager(urls, { ledger: false, cost: false, resilience: false }),
};
