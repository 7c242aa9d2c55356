import { EventEmitter } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { Registry } from 'prom-client';
import { createPrometheusMetrics, metricsHandler } from './prometheus-metrics';

async function value(registry: Registry, name: string, labels: Record<string, string> = {}) {
  const metric = registry.getSingleMetric(name);
  const { values } = await metric!.get();
  return values
    .filter(
      (entry) =>
        !('metricName' in entry) || entry.metricName === undefined || entry.metricName === name,
    )
    .filter((entry) =>
      Object.entries(labels).every(([key, wanted]) => String(entry.labels[key]) === wanted),
    )
    .reduce((sum, entry) => sum + entry.value, 0);
}

const end = (extra: Record<string, unknown>) => ({
  call_id: 'c',
  request_id: 'c',
  operation: 'chat',
  stream: false,
  provider: 'openai',
  model: 'gpt-4o',
  outcome: 'success',
  duration_ms: 1200,
  attempts: 1,
  ...extra,
});

describe('createPrometheusMetrics', () => {
  it('registers exactly the named series under the prefix', async () => {
    const registry = new Registry();
    createPrometheusMetrics(new EventEmitter(), { registry, prefix: 'app_llm_' });
    const names = (await registry.getMetricsAsJSON()).map((metric) => metric.name).sort();
    expect(names).toEqual(
      [
        'active_requests',
        'cache_requests_total',
        'circuit_breaker_state',
        'cost_total',
        'errors_total',
        'fallbacks_total',
        'rate_limit_hits_total',
        'request_duration_seconds',
        'requests_total',
        'retries_total',
        'time_to_first_chunk_seconds',
        'tokens_total',
      ].map((name) => `app_llm_${name}`),
    );
  });

  it('counts tokens by type and sums costs exactly, leaving cache hits out of both', async () => {
    const registry = new Registry();
    const source = new EventEmitter();
    createPrometheusMetrics(source, { registry });
    const usage = {
      prompt_tokens: 100,
      completion_tokens: 40,
      total_tokens: 140,
      cached_tokens: 30,
      cache_write_tokens: 10,
      reasoning_tokens: 5,
    };
    for (let index = 0; index < 3; index += 1)
      source.emit('call-end', end({ usage, cost_decimal: '0.1', cost: 0.1, currency: 'USD' }));
    source.emit('call-end', end({ usage, cost: 0.2, currency: 'USD' }));
    source.emit(
      'call-end',
      end({ usage, cost: 0, cost_decimal: '0', currency: 'USD', cache_hit: true }),
    );
    expect(await value(registry, 'llm_tokens_total', { type: 'input' })).toBe(400);
    expect(await value(registry, 'llm_tokens_total', { type: 'output' })).toBe(160);
    expect(await value(registry, 'llm_tokens_total', { type: 'cached' })).toBe(120);
    expect(await value(registry, 'llm_tokens_total', { type: 'cache_write' })).toBe(40);
    expect(await value(registry, 'llm_tokens_total', { type: 'reasoning' })).toBe(20);
    // 0.1 + 0.1 + 0.1 + 0.2 is 0.5 exactly, not 0.5000000000000001.
    expect(await value(registry, 'llm_cost_total', { currency: 'USD' })).toBe(0.5);
    expect(await value(registry, 'llm_requests_total')).toBe(5);
  });

  it('counts the cost of every currency a call was priced in, each exactly', async () => {
    const registry = new Registry();
    const source = new EventEmitter();
    createPrometheusMetrics(source, { registry });
    const costs = [
      { currency: 'USD', cost: 0.1, cost_decimal: '0.1' },
      { currency: 'CNY', cost: 0.7, cost_decimal: '0.7' },
    ];
    source.emit('call-end', end({ costs, cost: 0.1, currency: 'USD' }));
    source.emit('call-end', end({ costs }));
    source.emit('call-end', end({ provider: 'deepseek', cost_decimal: '0.2', currency: 'CNY' }));
    expect(await value(registry, 'llm_cost_total', { currency: 'USD' })).toBe(0.2);
    expect(await value(registry, 'llm_cost_total', { currency: 'CNY', provider: 'openai' })).toBe(
      1.4,
    );
    expect(await value(registry, 'llm_cost_total', { currency: 'CNY' })).toBeCloseTo(1.6, 12);
    expect(await registry.metrics()).toContain(
      'llm_cost_total{provider="deepseek",model="gpt-4o",currency="CNY"} 0.2',
    );
  });

  it('keeps counting between scrapes: a scrape reads the totals, it never resets them', async () => {
    const registry = new Registry();
    const source = new EventEmitter();
    createPrometheusMetrics(source, { registry });
    source.emit(
      'call-end',
      end({ usage: { prompt_tokens: 5, completion_tokens: 1, total_tokens: 6 } }),
    );
    expect(await value(registry, 'llm_tokens_total', { type: 'input' })).toBe(5);
    source.emit(
      'call-end',
      end({ usage: { prompt_tokens: 5, completion_tokens: 1, total_tokens: 6 } }),
    );
    expect(await value(registry, 'llm_tokens_total', { type: 'input' })).toBe(10);
    expect(await value(registry, 'llm_requests_total', { status: 'success' })).toBe(2);
    expect(await registry.metrics()).toContain(
      'llm_request_duration_seconds_count{provider="openai",model="gpt-4o"} 2',
    );
  });

  it('tracks calls in flight, errors, first chunks, retries, fallbacks, rate limits, circuits and cache results', async () => {
    const registry = new Registry();
    const source = new EventEmitter();
    const metrics = createPrometheusMetrics(source, { registry });
    source.emit('call-start', {
      call_id: 'a',
      operation: 'chat',
      stream: true,
      model: 'm',
      provider: 'p',
    });
    source.emit('call-start', { call_id: 'b', operation: 'chat', stream: false, model: 'm' });
    expect(await value(registry, 'llm_active_requests')).toBe(2);
    source.emit('call-end', end({ call_id: 'a', provider: 'p', ttfc_ms: 300 }));
    source.emit('call-end', end({ call_id: 'b', outcome: 'rate_limit', error_type: 'rate_limit' }));
    expect(await value(registry, 'llm_active_requests')).toBe(0);
    expect(await value(registry, 'llm_errors_total', { error_type: 'rate_limit' })).toBe(1);
    expect(await value(registry, 'llm_requests_total', { status: 'rate_limit' })).toBe(1);
    source.emit('retry', { provider: 'p', model: 'm', attempt: 1 });
    source.emit('retry', { provider: 'p', attempt: 2 });
    source.emit('fallback', { from: 'p/m', to: 'q/m' });
    source.emit('rate-limited', { provider: 'p', waitMs: 10, rejected: false });
    source.emit('breaker-state', { provider: 'p', model: 'm', from: 'closed', to: 'open' });
    source.emit('breaker-state', { provider: 'q', from: 'open', to: 'half-open' });
    source.emit('cache-hit', { model: 'm', key_hash: 'k' });
    source.emit('cache-miss', { model: 'm', key_hash: 'k' });
    source.emit('cache-miss', { model: 'm', key_hash: 'k' });
    expect(await value(registry, 'llm_retries_total', { provider: 'p' })).toBe(2);
    expect(await value(registry, 'llm_fallbacks_total', { from: 'p/m', to: 'q/m' })).toBe(1);
    expect(await value(registry, 'llm_rate_limit_hits_total', { provider: 'p' })).toBe(1);
    expect(await value(registry, 'llm_circuit_breaker_state', { provider: 'p', model: 'm' })).toBe(
      1,
    );
    expect(await value(registry, 'llm_circuit_breaker_state', { provider: 'q' })).toBe(2);
    expect(await value(registry, 'llm_cache_requests_total', { result: 'miss' })).toBe(2);
    const text = await metrics.metrics();
    expect(text).toContain('llm_time_to_first_chunk_seconds_count{provider="p",model="gpt-4o"} 1');
    metrics.close();
    source.emit('retry', { provider: 'p', model: 'm', attempt: 3 });
    expect(await value(registry, 'llm_retries_total', { provider: 'p' })).toBe(2);
  });

  it('serves the exposition text over HTTP, and answers 500 when collecting fails', async () => {
    const registry = new Registry();
    createPrometheusMetrics(new EventEmitter(), { registry });
    const broken = {
      metrics: () => Promise.reject(new Error('boom')),
      contentType: 'x',
    } as unknown as Registry;
    for (const [handler, status] of [
      [metricsHandler(registry), 200],
      [metricsHandler(broken), 500],
    ] as const) {
      const server = createServer(handler);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(response.status).toBe(status);
      const text = await response.text();
      if (status === 200) expect(text).toContain('# TYPE llm_requests_total counter');
      else expect(text).toContain('boom');
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('refuses to register the series twice in one registry, with a typed error saying what to do', () => {
    const registry = new Registry();
    createPrometheusMetrics(new EventEmitter(), { registry });
    expect(() => createPrometheusMetrics(new EventEmitter(), { registry })).toThrow(
      /already registered in this registry; pass another `registry` or `prefix`/,
    );
    expect(() =>
      createPrometheusMetrics(new EventEmitter(), { registry, prefix: 'second_' }),
    ).not.toThrow();
  });

  it('uses the global registry by default, which metricsHandler() serves', async () => {
    const { register } = await import('prom-client');
    const metrics = createPrometheusMetrics(new EventEmitter());
    try {
      expect(metrics.registry).toBe(register);
      expect(await register.metrics()).toContain('llm_requests_total');
    } finally {
      register.clear();
    }
  });
});
