import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Registry } from 'prom-client';
import {
  InMemorySpanExporter,
  BasicTracerProvider,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { MeterProvider, MetricReader, type ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { createPrometheusMetrics, instrumentOpenTelemetry } from '@llm/telemetry';
import type { Simulator } from '@llm/testing';
import { capturedPino } from './__tests__/captured-log-lines';
import { startManagerFixture, TEST_ENV, type ManagerFixture } from './__tests__/manager-fixture';

let fixture: ManagerFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

const ask = (model: string, content = 'hello', extra: Record<string, unknown> = {}) => ({
  model,
  messages: [{ role: 'user' as const, content }],
  ...extra,
});

const SECRETS = Object.values(TEST_ENV);

const failoverToml = (simulator: Simulator) => `
[llm.retry]
max_attempts = 2
base_delay = 5
max_delay = 10

[llm.providers.openai.models.gpt-4o]

[llm.providers.backup]
type = "openai"
api_key = "\${TEST_OPENAI_KEY}"
base_url = "${simulator.openaiBaseURL}"
timeout = 5000

[llm.providers.backup.models.gpt-4o]

[llm.models.smart]
deployments = [{ provider = "openai", model = "gpt-4o" }]
fallbacks = ["backup/gpt-4o"]
`;

describe('structured logs of the manager', () => {
  it('logs one retry line and one fallback line at info with the same call_id, and no secret in any line', async () => {
    const { logger, lines, parsed } = capturedPino('info');
    fixture = await startManagerFixture({ extraToml: failoverToml, manager: { logger } });
    fixture.simulator.script(
      { match: { model: 'gpt-4o' }, error: { status: 503 }, times: 2 },
      { match: { model: 'gpt-4o' }, reply: { text: 'from the backup' } },
    );
    const response = await fixture.manager.chatCompletion(ask('smart'));
    expect(response.metadata.provider_name).toBe('backup');

    const entries = parsed();
    const retries = entries.filter((entry) => entry['event'] === 'retry');
    const fallbacks = entries.filter((entry) => entry['event'] === 'fallback');
    expect(retries).toHaveLength(1);
    expect(fallbacks).toHaveLength(1);
    expect(retries[0]).toMatchObject({
      level: 30,
      provider: 'openai',
      model: 'gpt-4o',
      attempt: 1,
      error_type: 'server_error',
      status: 503,
    });
    expect(fallbacks[0]).toMatchObject({ level: 30, from: 'openai/gpt-4o', to: 'backup/gpt-4o' });
    expect(typeof retries[0]!['call_id']).toBe('string');
    expect(retries[0]!['call_id']).toBe(fallbacks[0]!['call_id']);
    for (const line of lines) for (const secret of SECRETS) expect(line).not.toContain(secret);
  });

  it('logs each attempt and the request and answer in debug mode, with the secrets scanned out', async () => {
    const { logger, lines, parsed } = capturedPino('debug');
    fixture = await startManagerFixture({ manager: { logger, debug: true } });
    fixture.simulator.script({ reply: { text: 'the answer' } });
    await fixture.manager.chatCompletion(
      ask(
        'gpt-4o-mini',
        `my key is ${TEST_ENV.TEST_OPENAI_KEY}, see https://x.test/?key=abcdef123456`,
      ),
    );
    const entries = parsed();
    const start = entries.find((entry) => entry['event'] === 'call-start');
    const end = entries.find((entry) => entry['event'] === 'call-end');
    expect(String(start?.['request'])).toContain('my key is ***');
    expect(String(start?.['request'])).toContain('?key=***');
    expect(end).toMatchObject({ level: 20, outcome: 'success', content: 'the answer' });
    // One line per attempt: the request as it went to the provider, and the provider's answer.
    const attemptStart = entries.find((entry) => entry['event'] === 'attempt-start');
    const attemptEnd = entries.find((entry) => entry['event'] === 'attempt-end');
    expect(attemptStart).toMatchObject({ level: 20, attempt: 1, provider: 'openai' });
    expect(String(attemptStart?.['request'])).toContain('"model":"gpt-4o-mini"');
    expect(String(attemptStart?.['request'])).toContain('my key is ***');
    expect(attemptEnd).toMatchObject({ level: 20, attempt: 1, outcome: 'success' });
    expect(String(attemptEnd?.['response'])).toContain('the answer');
    for (const line of lines) for (const secret of SECRETS) expect(line).not.toContain(secret);
  });

  it('takes the toolkit Logger shape too (message first), and writes a failed call as an error line', async () => {
    const seen: Array<[string, string, Record<string, unknown> | undefined]> = [];
    const record = (level: string) => (message: string, fields?: Record<string, unknown>) =>
      seen.push([level, message, fields]);
    fixture = await startManagerFixture({
      manager: {
        logger: {
          debug: record('debug'),
          info: record('info'),
          warn: record('warn'),
          error: record('error'),
        },
      },
    });
    fixture.simulator.script({ error: { status: 400 } });
    await expect(fixture.manager.chatCompletion(ask('gpt-4o-mini'))).rejects.toThrow();
    const failure = seen.find(([, message]) => message.startsWith('call failed'));
    expect(failure?.[0]).toBe('error');
    expect(failure?.[2]).toMatchObject({ outcome: 'invalid_request', provider: 'openai' });
  });

  it('builds the call-end of an answered call only for a listener that reads it (the log subscriber at warn drops it)', async () => {
    const { logger, parsed } = capturedPino('warn');
    fixture = await startManagerFixture({ manager: { logger } });
    const { manager } = fixture;
    const emitted: string[] = [];
    const emit = manager.emit.bind(manager);
    manager.emit = ((name: string, ...payload: unknown[]) => {
      emitted.push(name);
      return (emit as (event: string, ...args: unknown[]) => boolean)(name, ...payload);
    }) as typeof manager.emit;

    await manager.chatCompletion(ask('gpt-4o-mini'));
    expect(emitted).not.toContain('call-end');

    const ends: Array<{ outcome: string; call_id: string }> = [];
    manager.on('call-end', (event) => ends.push(event));
    const answered = await manager.chatCompletion(ask('gpt-4o-mini'));
    expect(ends).toEqual([
      expect.objectContaining({ outcome: 'success', call_id: answered.metadata.call_id }),
    ]);

    // A failed call's call-end still reaches the log subscriber (its error line) and the listener.
    fixture.simulator.script({ error: { status: 400 } });
    await expect(manager.chatCompletion(ask('gpt-4o-mini'))).rejects.toThrow();
    expect(ends.map((event) => event.outcome)).toEqual(['success', 'invalid_request']);
    expect(parsed().filter((line) => String(line['msg']).startsWith('call failed'))).toHaveLength(
      1,
    );
  });
});

/** The value of one series with these labels, summed over the others. */
async function seriesTotal(
  registry: Registry,
  name: string,
  labels: Record<string, string> = {},
): Promise<number> {
  const metric = registry.getSingleMetric(name);
  if (!metric) throw new Error(`no metric ${name}`);
  const { values } = await metric.get();
  return values
    .filter((value) =>
      Object.entries(labels).every(([key, wanted]) => String(value.labels[key]) === wanted),
    )
    .filter((value) => !('metricName' in value) || value.metricName === name)
    .reduce((sum, value) => sum + value.value, 0);
}

describe('Prometheus metrics of the manager', () => {
  it('after 10 calls (7 ok, 2 failed, 1 cached) counts 10 requests, the ledger totals, and an open breaker', async () => {
    fixture = await startManagerFixture({
      extraToml: `
[llm.cache]
enabled = true

[llm.providers.claude.retry]
max_attempts = 1

[llm.providers.claude.circuit_breaker]
failure_threshold = 2
cooldown = 60000
`,
    });
    const registry = new Registry();
    const metrics = createPrometheusMetrics(fixture.manager, { registry });
    fixture.simulator.script(
      { match: { model: 'claude-sonnet-4-20250514' }, error: { status: 500 }, times: 2 },
      { reply: { text: 'fine', usage: { prompt_tokens: 11, completion_tokens: 7 } }, times: 20 },
    );
    for (let index = 0; index < 6; index += 1)
      await fixture.manager.chatCompletion(ask('gpt-4o-mini', `question ${index}`));
    await fixture.manager.chatCompletion(ask('gpt-4o-mini', 'cached', { temperature: 0 }));
    const hit = await fixture.manager.chatCompletion(
      ask('gpt-4o-mini', 'cached', { temperature: 0 }),
    );
    expect(hit.metadata.cache_hit).toBe(true);
    for (let index = 0; index < 2; index += 1)
      await expect(
        fixture.manager.chatCompletion(
          ask('claude-sonnet-4-20250514', 'x', { provider: 'claude' }),
        ),
      ).rejects.toThrow();
    expect(fixture.simulator.requests).toHaveLength(9);

    expect(await seriesTotal(registry, 'llm_requests_total')).toBe(10);
    expect(await seriesTotal(registry, 'llm_requests_total', { status: 'success' })).toBe(8);
    expect(await seriesTotal(registry, 'llm_errors_total', { error_type: 'server_error' })).toBe(2);
    expect(await seriesTotal(registry, 'llm_cache_requests_total', { result: 'hit' })).toBe(1);
    expect(await seriesTotal(registry, 'llm_cache_requests_total', { result: 'miss' })).toBe(1);

    const [summary] = await fixture.manager.getUsageSummary({ group_by: 'none' });
    expect(summary!.total_requests).toBe(10);
    expect(await seriesTotal(registry, 'llm_tokens_total', { type: 'input' })).toBe(
      summary!.total_prompt_tokens,
    );
    expect(await seriesTotal(registry, 'llm_tokens_total', { type: 'output' })).toBe(
      summary!.total_completion_tokens,
    );
    expect(summary!.total_prompt_tokens).toBe(7 * 11);
    expect(await seriesTotal(registry, 'llm_cost_total', { currency: 'USD' })).toBe(
      summary!.total_cost,
    );
    expect(summary!.cache_hits).toBe(1);
    expect(summary!.total_saved_tokens).toBe(18);
    expect(await seriesTotal(registry, 'llm_circuit_breaker_state', { provider: 'claude' })).toBe(
      1,
    );
    expect(await seriesTotal(registry, 'llm_active_requests')).toBe(0);

    // The same numbers over HTTP, as Prometheus scrapes them.
    const server = createServer(metrics.handler());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/metrics`);
      const text = await response.text();
      expect(response.headers.get('content-type')).toContain('text/plain');
      expect(text).toMatch(/llm_circuit_breaker_state\{provider="claude",model="[^"]*"\} 1/);
      expect(text).toContain('llm_request_duration_seconds_bucket');
      for (const secret of SECRETS) expect(text).not.toContain(secret);
    } finally {
      await new Promise((resolve) => server.close(resolve));
      metrics.close();
    }
  });
});

class CollectingReader extends MetricReader {
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
  async metrics(): Promise<ResourceMetrics> {
    return (await this.collect()).resourceMetrics;
  }
}

describe('OpenTelemetry of the manager', () => {
  it('yields one `chat gpt-4o` CLIENT span whose GenAI usage and cost attributes equal the response', async () => {
    fixture = await startManagerFixture({
      extraToml: `
[llm.providers.openai.models.gpt-4o.pricing]
currency = "USD"
unit = "million_tokens"
input_price = 2.5
output_price = 10
`,
    });
    const exporter = new InMemorySpanExporter();
    const tracerProvider = new BasicTracerProvider({
      spanProcessors: [new SimpleSpanProcessor(exporter)],
    });
    const reader = new CollectingReader();
    const meterProvider = new MeterProvider({ readers: [reader] });
    const stop = instrumentOpenTelemetry(fixture.manager, {
      tracerProvider,
      meterProvider,
      secrets: () => SECRETS,
    });
    fixture.simulator.script({
      reply: { text: 'hi', usage: { prompt_tokens: 120, completion_tokens: 30 } },
    });
    const response = await fixture.manager.chatCompletion(
      ask('gpt-4o', 'hello', { max_tokens: 64, temperature: 0.2 }),
    );
    stop();

    const spans = exporter.getFinishedSpans();
    // One span for the call, one child span for its one attempt.
    expect(spans.map((span) => span.name).sort()).toEqual([
      'attempt 1 openai/gpt-4o',
      'chat gpt-4o',
    ]);
    const span = spans.find((candidate) => candidate.name === 'chat gpt-4o')!;
    const attempt = spans.find((candidate) => candidate.name !== 'chat gpt-4o')!;
    expect(attempt.parentSpanContext?.spanId).toBe(span.spanContext().spanId);
    expect(span.kind).toBe(2); // SpanKind.CLIENT
    expect(span.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o',
      'gen_ai.response.model': response.model,
      'gen_ai.request.max_tokens': 64,
      'gen_ai.request.temperature': 0.2,
      'gen_ai.response.finish_reasons': ['stop'],
      'gen_ai.usage.input_tokens': response.usage.prompt_tokens,
      'gen_ai.usage.output_tokens': response.usage.completion_tokens,
      'gen_ai.usage.cost.amount': response.usage.cost,
      'gen_ai.usage.cost.currency': 'USD',
    });
    expect(response.usage.cost).toBeGreaterThan(0);
    expect(span.attributes['gen_ai.input.messages']).toBeUndefined();

    const collected = await reader.metrics();
    const names = collected.scopeMetrics.flatMap((scope) =>
      scope.metrics.map((metric) => metric.descriptor.name),
    );
    expect(names).toEqual(
      expect.arrayContaining(['gen_ai.client.token.usage', 'gen_ai.client.operation.duration']),
    );
    await meterProvider.shutdown();
    await tracerProvider.shutdown();
  });
});
