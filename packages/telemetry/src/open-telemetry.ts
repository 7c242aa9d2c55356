// OpenTelemetry spans and metrics with the GenAI semantic conventions, fed by the manager's events.
// Only `@opentelemetry/api` is used: without an SDK installed every call here is a no-op.
import {
  context,
  metrics,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type MeterProvider,
  type Span,
  type TracerProvider,
} from '@opentelemetry/api';
import { createSecretScanner, truncateUtf8 } from '@llm/core';
import {
  callIdOf,
  subscribe,
  type AttemptEndEvent,
  type AttemptStartEvent,
  type CallEndEvent,
  type CallStartEvent,
  type TelemetryEventSource,
} from './manager-event-shapes';

export interface OpenTelemetryOptions {
  /** Default the globally registered provider (a no-op until an SDK registers one). */
  readonly tracerProvider?: TracerProvider;
  readonly meterProvider?: MeterProvider;
  /** Record the request's messages and the answer on the call span (`gen_ai.input.messages`, `gen_ai.output.messages`); off by default. */
  readonly recordContent?: boolean;
  /** The most bytes of content an attribute carries (default 8192). */
  readonly maxContentBytes?: number;
  /** The configured secrets, scanned out of recorded content and error messages. */
  readonly secrets?: () => Iterable<string | undefined>;
}

const SCOPE = '@llm/telemetry';
/** Bucket boundaries the GenAI conventions advise for token counts and for durations in seconds. */
export const GEN_AI_TOKEN_BUCKETS = [
  1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864,
];
export const GEN_AI_DURATION_BUCKETS = [
  0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92,
];

/** Attributes of a usage object by the GenAI conventions, plus the proposed cost attributes. */
function usageAttributes(event: CallEndEvent): Attributes {
  const usage = event.usage;
  const attributes: Attributes = {};
  if (usage && !event.cache_hit) {
    attributes['gen_ai.usage.input_tokens'] = usage.prompt_tokens;
    attributes['gen_ai.usage.output_tokens'] = usage.completion_tokens;
    if (usage.cached_tokens !== undefined)
      attributes['gen_ai.usage.cache_read.input_tokens'] = usage.cached_tokens;
    if (usage.cache_write_tokens !== undefined)
      attributes['gen_ai.usage.cache_creation.input_tokens'] = usage.cache_write_tokens;
    if (usage.reasoning_tokens !== undefined)
      attributes['gen_ai.usage.reasoning.output_tokens'] = usage.reasoning_tokens;
  }
  if (event.cost !== undefined && event.currency !== undefined) {
    attributes['gen_ai.usage.cost.amount'] = event.cost_decimal
      ? Number(event.cost_decimal)
      : event.cost;
    attributes['gen_ai.usage.cost.currency'] = event.currency;
  }
  return attributes;
}

/**
 * One CLIENT span per call (`chat gpt-4o`) with a child span per attempt (`attempt 2 openai/gpt-4o`),
 * and the `gen_ai.client.token.usage`, `gen_ai.client.operation.duration` and
 * `gen_ai.client.operation.time_to_first_chunk` histograms. Returns what stops it (open spans end).
 */
export function instrumentOpenTelemetry(
  source: TelemetryEventSource,
  options: OpenTelemetryOptions = {},
): () => void {
  const tracer = (options.tracerProvider ?? trace.getTracerProvider()).getTracer(SCOPE);
  const meter = (options.meterProvider ?? metrics.getMeterProvider()).getMeter(SCOPE);
  const scanner = createSecretScanner(options.secrets);
  const maxBytes = options.maxContentBytes ?? 8192;
  const recorded = (value: unknown) =>
    truncateUtf8(scanner.text(typeof value === 'string' ? value : JSON.stringify(value)), maxBytes);
  const tokenUsage = meter.createHistogram('gen_ai.client.token.usage', {
    description: 'Tokens used by a call, by gen_ai.token.type (input or output).',
    unit: '{token}',
    advice: { explicitBucketBoundaries: GEN_AI_TOKEN_BUCKETS },
  });
  const operationDuration = meter.createHistogram('gen_ai.client.operation.duration', {
    description: 'Duration of a GenAI call.',
    unit: 's',
    advice: { explicitBucketBoundaries: GEN_AI_DURATION_BUCKETS },
  });
  const firstChunk = meter.createHistogram('gen_ai.client.operation.time_to_first_chunk', {
    description: 'Time to the first chunk of a streaming call.',
    unit: 's',
    advice: { explicitBucketBoundaries: GEN_AI_DURATION_BUCKETS },
  });

  const calls = new Map<string, Span>();
  const attempts = new Map<string, Span>();
  const attemptKey = (event: AttemptStartEvent) => `${callIdOf(event)}#${event.attempt}`;

  const stop = subscribe(source, {
    'call-start': (event: CallStartEvent) => {
      const id = callIdOf(event);
      if (id === undefined) return;
      const request = event.request;
      const attributes: Attributes = {
        'gen_ai.operation.name': event.operation === 'embedding' ? 'embeddings' : 'chat',
        'gen_ai.request.model': event.model,
        'llm.call_id': id,
      };
      if (event.provider !== undefined) attributes['gen_ai.provider.name'] = event.provider;
      if (request?.max_tokens !== undefined)
        attributes['gen_ai.request.max_tokens'] = request.max_tokens;
      if (request?.temperature !== undefined)
        attributes['gen_ai.request.temperature'] = request.temperature;
      if (request?.top_p !== undefined) attributes['gen_ai.request.top_p'] = request.top_p;
      if (options.recordContent && request?.messages !== undefined)
        attributes['gen_ai.input.messages'] = recorded(request.messages);
      const name = `${event.operation === 'embedding' ? 'embeddings' : 'chat'} ${event.model}`;
      calls.set(id, tracer.startSpan(name, { kind: SpanKind.CLIENT, attributes }));
    },
    'attempt-start': (event: AttemptStartEvent) => {
      const parent = calls.get(callIdOf(event) ?? '');
      if (!parent) return;
      const span = tracer.startSpan(
        `attempt ${event.attempt} ${event.provider}/${event.model}`,
        {
          kind: SpanKind.CLIENT,
          attributes: {
            'gen_ai.provider.name': event.provider,
            'gen_ai.request.model': event.model,
            'llm.attempt': event.attempt,
          },
        },
        trace.setSpan(context.active(), parent),
      );
      attempts.set(attemptKey(event), span);
    },
    'attempt-end': (event: AttemptEndEvent) => {
      const key = attemptKey(event);
      const span = attempts.get(key);
      if (!span) return;
      attempts.delete(key);
      if (event.status !== undefined) span.setAttribute('http.response.status_code', event.status);
      if (event.outcome !== 'success') {
        span.setAttribute('error.type', event.error_type ?? event.outcome);
        span.setStatus({ code: SpanStatusCode.ERROR, message: event.outcome });
      }
      span.end();
    },
    'call-end': (event: CallEndEvent) => {
      const id = callIdOf(event);
      const span = id === undefined ? undefined : calls.get(id);
      const operation = event.operation === 'embedding' ? 'embeddings' : 'chat';
      const metricAttributes: Attributes = {
        'gen_ai.operation.name': operation,
        'gen_ai.provider.name': event.provider,
        'gen_ai.request.model': event.model,
        ...(event.response_model ? { 'gen_ai.response.model': event.response_model } : {}),
        ...(event.outcome === 'success' ? {} : { 'error.type': event.error_type ?? event.outcome }),
      };
      operationDuration.record(event.duration_ms / 1000, metricAttributes);
      if (event.ttfc_ms !== undefined) firstChunk.record(event.ttfc_ms / 1000, metricAttributes);
      if (event.usage && !event.cache_hit) {
        tokenUsage.record(event.usage.prompt_tokens, {
          ...metricAttributes,
          'gen_ai.token.type': 'input',
        });
        tokenUsage.record(event.usage.completion_tokens, {
          ...metricAttributes,
          'gen_ai.token.type': 'output',
        });
      }
      if (!span) return;
      calls.delete(id!);
      span.setAttributes({
        'gen_ai.provider.name': event.provider,
        ...usageAttributes(event),
        'llm.attempts': event.attempts,
        ...(event.cache_hit ? { 'llm.cache_hit': true } : {}),
      });
      if (event.response_model) span.setAttribute('gen_ai.response.model', event.response_model);
      if (event.finish_reason)
        span.setAttribute('gen_ai.response.finish_reasons', [event.finish_reason]);
      if (options.recordContent && event.content !== undefined)
        span.setAttribute('gen_ai.output.messages', recorded(event.content));
      if (event.outcome !== 'success') {
        span.setAttribute('error.type', event.error_type ?? event.outcome);
        span.setStatus({
          code: SpanStatusCode.ERROR,
          message: scanner.text(event.error_message ?? event.outcome),
        });
      }
      span.end();
    },
  });
  return () => {
    stop();
    for (const span of [...attempts.values(), ...calls.values()]) span.end();
    attempts.clear();
    calls.clear();
  };
}
