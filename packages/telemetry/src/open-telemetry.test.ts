import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { SpanStatusCode } from '@opentelemetry/api';
import {
  AlwaysOffSampler,
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { MeterProvider, MetricReader, type ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { failedAttemptEnd } from './__tests__/call-events';
import { GEN_AI_TOKEN_BUCKETS, instrumentOpenTelemetry } from './open-telemetry';

class CollectingReader extends MetricReader {
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
  async metrics(): Promise<ResourceMetrics> {
    return (await this.collect()).resourceMetrics;
  }
}

function setup(options: { recordContent?: boolean; sampledOut?: boolean } = {}) {
  const { sampledOut, ...instrumentOptions } = options;
  const exporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({
    spanProcessors: [new SimpleSpanProcessor(exporter)],
    ...(sampledOut ? { sampler: new AlwaysOffSampler() } : {}),
  });
  const reader = new CollectingReader();
  const meterProvider = new MeterProvider({ readers: [reader] });
  const source = new EventEmitter();
  const stop = instrumentOpenTelemetry(source, {
    tracerProvider,
    meterProvider,
    secrets: () => ['sk-configured-key-1'],
    ...instrumentOptions,
  });
  return { exporter, reader, source, stop };
}

const start = { call_id: 'c1', request_id: 'c1', operation: 'chat', stream: true, model: 'gpt-4o' };
const usage = {
  prompt_tokens: 50,
  completion_tokens: 20,
  total_tokens: 70,
  cached_tokens: 10,
  cache_write_tokens: 5,
  reasoning_tokens: 4,
};

describe('instrumentOpenTelemetry', () => {
  it('nests one span per attempt under the call span, the failed attempt marked as an error', () => {
    const { exporter, source } = setup();
    source.emit('call-start', { ...start, request: { max_tokens: 10, temperature: 0, top_p: 1 } });
    source.emit('attempt-start', {
      call_id: 'c1',
      attempt: 1,
      provider: 'openai',
      model: 'gpt-4o',
    });
    source.emit('attempt-end', failedAttemptEnd({ call_id: 'c1', request_id: 'c1' }));
    source.emit('attempt-start', {
      call_id: 'c1',
      attempt: 2,
      provider: 'backup',
      model: 'gpt-4o',
    });
    source.emit('attempt-end', {
      call_id: 'c1',
      attempt: 2,
      provider: 'backup',
      model: 'gpt-4o',
      outcome: 'success',
      duration_ms: 4,
    });
    source.emit('call-end', {
      ...start,
      provider: 'backup',
      outcome: 'success',
      duration_ms: 10,
      attempts: 2,
      usage,
      cost: 0.0003,
      cost_decimal: '0.0003',
      currency: 'USD',
      ttfc_ms: 3,
      response_model: 'gpt-4o-2024-08-06',
      finish_reason: 'stop',
      content: 'not recorded',
    });
    const spans = exporter.getFinishedSpans();
    expect(spans.map((span) => span.name)).toEqual([
      'attempt 1 openai/gpt-4o',
      'attempt 2 backup/gpt-4o',
      'chat gpt-4o',
    ]);
    const call = spans[2]!;
    for (const attempt of spans.slice(0, 2))
      expect(attempt.parentSpanContext?.spanId).toBe(call.spanContext().spanId);
    expect(spans[0]!.status.code).toBe(SpanStatusCode.ERROR);
    expect(spans[0]!.attributes['http.response.status_code']).toBe(503);
    expect(call.attributes).toMatchObject({
      'gen_ai.provider.name': 'backup',
      'gen_ai.request.max_tokens': 10,
      'gen_ai.request.temperature': 0,
      'gen_ai.request.top_p': 1,
      'gen_ai.response.model': 'gpt-4o-2024-08-06',
      'gen_ai.usage.input_tokens': 50,
      'gen_ai.usage.output_tokens': 20,
      'gen_ai.usage.cache_read.input_tokens': 10,
      'gen_ai.usage.cache_creation.input_tokens': 5,
      'gen_ai.usage.reasoning.output_tokens': 4,
      'gen_ai.usage.cost.amount': 0.0003,
      'gen_ai.usage.cost.currency': 'USD',
    });
    expect(call.attributes['gen_ai.output.messages']).toBeUndefined();
  });

  it('names and attributes every call and attempt span by its own deployment, call after call', () => {
    const { exporter, source } = setup();
    const calls = [
      { id: 'a', model: 'gpt-4o', operation: 'chat', attempts: [['openai', 'gpt-4o']] },
      { id: 'b', model: 'gpt-4o', operation: 'chat', attempts: [['openai', 'gpt-4o']] },
      { id: 'c', model: 'fast', operation: 'chat', attempts: [['backup', 'gpt-4o-mini']] },
      { id: 'd', model: 'e5', operation: 'embedding', attempts: [['openai', 'e5']] },
      {
        id: 'e',
        model: 'gpt-4o',
        operation: 'chat',
        attempts: [
          ['openai', 'gpt-4o'],
          ['openai', 'gpt-4o'],
        ],
      },
    ];
    for (const call of calls) {
      const ids = { call_id: call.id, request_id: call.id };
      source.emit('call-start', {
        ...ids,
        operation: call.operation,
        stream: false,
        model: call.model,
      });
      call.attempts.forEach(([provider, model], index) => {
        const attempt = { ...ids, attempt: index + 1, provider, model };
        source.emit('attempt-start', attempt);
        source.emit('attempt-end', { ...attempt, outcome: 'success', duration_ms: 1 });
      });
      source.emit('call-end', {
        ...ids,
        operation: call.operation,
        stream: false,
        provider: call.attempts.at(-1)![0],
        model: call.model,
        outcome: 'success',
        duration_ms: 2,
        attempts: call.attempts.length,
      });
    }
    const spans = exporter.getFinishedSpans();
    expect(spans.map((span) => span.name)).toEqual([
      'attempt 1 openai/gpt-4o',
      'chat gpt-4o',
      'attempt 1 openai/gpt-4o',
      'chat gpt-4o',
      'attempt 1 backup/gpt-4o-mini',
      'chat fast',
      'attempt 1 openai/e5',
      'embeddings e5',
      'attempt 1 openai/gpt-4o',
      'attempt 2 openai/gpt-4o',
      'chat gpt-4o',
    ]);
    expect(spans[4]!.attributes).toEqual({
      'gen_ai.provider.name': 'backup',
      'gen_ai.request.model': 'gpt-4o-mini',
      'llm.attempt': 1,
    });
    expect(spans[0]!.attributes).toEqual({
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o',
      'llm.attempt': 1,
    });
    expect(spans[9]!.attributes['llm.attempt']).toBe(2);
    // Each call's attempts are children of its own span, in its own trace.
    for (const [attempt, call] of [
      [0, 1],
      [2, 3],
      [4, 5],
      [6, 7],
      [8, 10],
      [9, 10],
    ] as const) {
      expect(spans[attempt]!.parentSpanContext?.spanId).toBe(spans[call]!.spanContext().spanId);
      expect(spans[attempt]!.spanContext().traceId).toBe(spans[call]!.spanContext().traceId);
    }
    expect(spans[1]!.spanContext().traceId).not.toBe(spans[3]!.spanContext().traceId);
  });

  it('records a call priced in several currencies as parallel cost arrays, and ends an attempt left open', () => {
    const { exporter, source } = setup();
    source.emit('call-start', start);
    const first = {
      call_id: 'c1',
      request_id: 'c1',
      attempt: 1,
      provider: 'openai',
      model: 'gpt-4o',
    };
    source.emit('attempt-start', first);
    source.emit('attempt-end', { ...first, outcome: 'success', status: 200, duration_ms: 2 });
    source.emit('attempt-start', {
      call_id: 'c1',
      attempt: 2,
      provider: 'qwen',
      model: 'qwen-max',
    });
    source.emit('call-end', {
      ...start,
      provider: 'qwen',
      outcome: 'success',
      duration_ms: 10,
      attempts: 2,
      costs: [
        { currency: 'USD', cost: 0.0003, cost_decimal: '0.0003' },
        { currency: 'CNY', cost: 0.002, cost_decimal: '0.002' },
      ],
    });
    const spans = exporter.getFinishedSpans();
    expect(spans.map((span) => span.name)).toEqual([
      'attempt 1 openai/gpt-4o',
      'attempt 2 qwen/qwen-max',
      'chat gpt-4o',
    ]);
    expect(spans[0]!.attributes['http.response.status_code']).toBe(200);
    expect(spans[0]!.status.code).toBe(SpanStatusCode.UNSET);
    expect(spans[2]!.attributes['gen_ai.usage.cost.amount']).toEqual([0.0003, 0.002]);
    expect(spans[2]!.attributes['gen_ai.usage.cost.currency']).toEqual(['USD', 'CNY']);
  });

  it('records content only when asked, with secrets scanned out', () => {
    const { exporter, source } = setup({ recordContent: true });
    source.emit('call-start', {
      ...start,
      request: { messages: [{ role: 'user', content: 'key sk-configured-key-1' }] },
    });
    source.emit('call-end', {
      ...start,
      provider: 'openai',
      outcome: 'auth',
      error_type: 'auth',
      error_message: 'bad key sk-configured-key-1',
      duration_ms: 1,
      attempts: 1,
      content: 'Bearer abcdefghijklmnop',
    });
    const [span] = exporter.getFinishedSpans();
    expect(String(span!.attributes['gen_ai.input.messages'])).toContain('key ***');
    expect(span!.attributes['gen_ai.output.messages']).toBe('Bearer ***');
    expect(span!.attributes['error.type']).toBe('auth');
    expect(span!.status).toEqual({ code: SpanStatusCode.ERROR, message: 'bad key ***' });
    for (const value of Object.values(span!.attributes))
      expect(String(value)).not.toContain('sk-configured-key-1');
  });

  it('names embeddings spans `embeddings {model}` and keeps cache hits out of token usage', async () => {
    const { exporter, reader, source } = setup();
    source.emit('call-start', {
      ...start,
      operation: 'embedding',
      model: 'text-embedding-3-small',
    });
    source.emit('call-end', {
      ...start,
      operation: 'embedding',
      model: 'text-embedding-3-small',
      provider: 'openai',
      outcome: 'success',
      duration_ms: 2,
      attempts: 0,
      usage,
      cache_hit: true,
      cost: 0,
      currency: 'USD',
    });
    const [span] = exporter.getFinishedSpans();
    expect(span!.name).toBe('embeddings text-embedding-3-small');
    expect(span!.attributes['llm.cache_hit']).toBe(true);
    expect(span!.attributes['gen_ai.usage.input_tokens']).toBeUndefined();
    const metrics = (await reader.metrics()).scopeMetrics.flatMap((scope) => scope.metrics);
    expect(metrics.map((metric) => metric.descriptor.name)).toEqual([
      'gen_ai.client.operation.duration',
    ]);
  });

  it('records token usage, duration and time to first chunk with the conventions buckets', async () => {
    const { reader, source } = setup();
    source.emit('call-end', {
      ...start,
      provider: 'openai',
      outcome: 'success',
      duration_ms: 1500,
      attempts: 1,
      usage,
      ttfc_ms: 200,
    });
    const metrics = (await reader.metrics()).scopeMetrics.flatMap((scope) => scope.metrics);
    const tokens = metrics.find(
      (metric) => metric.descriptor.name === 'gen_ai.client.token.usage',
    )!;
    const points = tokens.dataPoints as Array<{
      attributes: Record<string, unknown>;
      value: { sum: number; buckets: { boundaries: number[] } };
    }>;
    expect(points.map((point) => [point.attributes['gen_ai.token.type'], point.value.sum])).toEqual(
      [
        ['input', 50],
        ['output', 20],
      ],
    );
    expect(points[0]!.value.buckets.boundaries).toEqual(GEN_AI_TOKEN_BUCKETS);
    expect(metrics.map((metric) => metric.descriptor.name)).toContain(
      'gen_ai.client.operation.time_to_first_chunk',
    );
  });

  it('ignores attempts of unknown calls and ends open spans when stopped', () => {
    const { exporter, source, stop } = setup();
    source.emit('attempt-start', { call_id: 'nope', attempt: 1, provider: 'p', model: 'm' });
    source.emit('attempt-end', {
      call_id: 'nope',
      attempt: 1,
      provider: 'p',
      model: 'm',
      outcome: 'success',
      duration_ms: 1,
    });
    source.emit('call-start', { ...start, call_id: undefined });
    source.emit('call-start', start);
    source.emit('attempt-start', { call_id: 'c1', attempt: 1, provider: 'p', model: 'm' });
    stop();
    expect(exporter.getFinishedSpans().map((span) => span.name)).toEqual([
      'attempt 1 p/m',
      'chat gpt-4o',
    ]);
  });

  it('records nothing of an unrecorded call (sampled out) but still its metrics', async () => {
    const { exporter, reader, source } = setup({ sampledOut: true });
    source.emit('call-start', start);
    source.emit('attempt-start', {
      call_id: 'c1',
      attempt: 1,
      provider: 'openai',
      model: 'gpt-4o',
    });
    source.emit('attempt-end', {
      call_id: 'c1',
      attempt: 1,
      provider: 'openai',
      model: 'gpt-4o',
      outcome: 'success',
      duration_ms: 4,
    });
    source.emit('call-end', {
      ...start,
      provider: 'openai',
      outcome: 'success',
      duration_ms: 10,
      attempts: 1,
      usage,
    });
    expect(exporter.getFinishedSpans()).toEqual([]);
    const metrics = (await reader.metrics()).scopeMetrics.flatMap((scope) => scope.metrics);
    expect(metrics.map((metric) => metric.descriptor.name)).toContain('gen_ai.client.token.usage');
  });

  it('is a no-op without an SDK registered', () => {
    const source = new EventEmitter();
    const stop = instrumentOpenTelemetry(source);
    source.emit('call-start', start);
    source.emit('attempt-start', {
      call_id: 'c1',
      attempt: 1,
      provider: 'openai',
      model: 'gpt-4o',
    });
    expect(() =>
      source.emit('call-end', {
        ...start,
        provider: 'openai',
        outcome: 'success',
        duration_ms: 1,
        attempts: 1,
      }),
    ).not.toThrow();
    stop();
  });

  it('keeps the duration of each outcome, provider and response model apart, however many calls', async () => {
    const { reader, source } = setup();
    const end = (extra: Record<string, unknown>) =>
      source.emit('call-end', {
        ...start,
        provider: 'openai',
        outcome: 'success',
        duration_ms: 1000,
        attempts: 1,
        ...extra,
      });
    end({ response_model: 'gpt-4o-2024-08-06' });
    end({ response_model: 'gpt-4o-2024-08-06' });
    end({ outcome: 'server_error', error_type: 'server_error' });
    end({ outcome: 'timeout' });
    for (let index = 0; index < 300; index++) end({ model: `m${index}` });
    end({ response_model: 'gpt-4o-2024-08-06' });
    const metrics = (await reader.metrics()).scopeMetrics.flatMap((scope) => scope.metrics);
    const duration = metrics.find(
      (metric) => metric.descriptor.name === 'gen_ai.client.operation.duration',
    )!;
    const points = duration.dataPoints as Array<{
      attributes: Record<string, unknown>;
      value: { count: number };
    }>;
    const of = (attributes: Record<string, unknown>) =>
      points.find((point) =>
        Object.entries(attributes).every(([key, value]) => point.attributes[key] === value),
      )?.value.count;
    expect(
      of({ 'gen_ai.request.model': 'gpt-4o', 'gen_ai.response.model': 'gpt-4o-2024-08-06' }),
    ).toBe(3);
    expect(of({ 'gen_ai.request.model': 'gpt-4o', 'error.type': 'server_error' })).toBe(1);
    expect(of({ 'gen_ai.request.model': 'gpt-4o', 'error.type': 'timeout' })).toBe(1);
    expect(points).toHaveLength(303);
  });
});
