// OpenTelemetry spans and metrics with the GenAI semantic conventions, fed by the manager's events.
// Only `@opentelemetry/api` is used: without an SDK installed every call here is a no-op.
import {
  context,
  metrics,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type MeterProvider,
  type Span,
  type TracerProvider,
} from '@opentelemetry/api';
import {
  createSecretScanner,
  truncateUtf8,
  type AttemptEndEvent,
  type AttemptStartEvent,
  type CallEndEvent,
  type CallStartEvent,
  type LLMRequest,
} from '@llm/core';
import { forEachCost } from './call-costs';
import { callIdOf, subscribe, type TelemetryEventSource } from './event-source';

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

/**
 * The call span's attributes at its end, in one object so the span validates and stores them in
 * one `setAttributes`: usage by the GenAI conventions, the proposed cost attributes (scalars for
 * one currency, parallel arrays when the call was priced in several), the answer's model and finish
 * reason, and the error.
 */
function endAttributes(event: CallEndEvent): Attributes {
  const attributes: Attributes = {
    'gen_ai.provider.name': event.provider,
    'llm.attempts': event.attempts,
  };
  const usage = event.usage;
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
  // One currency (nearly every call) sets two scalars; a second turns them into parallel arrays.
  let amounts: number[] | undefined;
  let currencies: string[] | undefined;
  forEachCost(event, (currency, amount) => {
    const value = Number(amount);
    const first = attributes['gen_ai.usage.cost.currency'];
    if (first === undefined) {
      attributes['gen_ai.usage.cost.amount'] = value;
      attributes['gen_ai.usage.cost.currency'] = currency;
      return;
    }
    if (amounts === undefined || currencies === undefined) {
      amounts = [attributes['gen_ai.usage.cost.amount'] as number];
      currencies = [first as string];
      attributes['gen_ai.usage.cost.amount'] = amounts;
      attributes['gen_ai.usage.cost.currency'] = currencies;
    }
    amounts.push(value);
    currencies.push(currency);
  });
  if (event.cache_hit) attributes['llm.cache_hit'] = true;
  if (event.response_model) attributes['gen_ai.response.model'] = event.response_model;
  if (event.finish_reason) attributes['gen_ai.response.finish_reasons'] = [event.finish_reason];
  if (event.outcome !== 'success') attributes['error.type'] = event.error_type ?? event.outcome;
  return attributes;
}

/** The attributes of a call's duration and first-chunk records, and of its two token records. */
interface MetricAttributeSets {
  readonly call: Attributes;
  readonly input: Attributes;
  readonly output: Attributes;
}

/** The most metric attribute sets kept before the cache of them starts again. */
const MAX_METRIC_SETS = 256;

/**
 * A call's span, the context its attempt spans are children in (made at its first attempt), and
 * its open attempt spans by attempt number (an array: attempts are numbered 1, 2, … in order).
 */
interface OpenCall {
  readonly span: Span;
  context: Context | undefined;
  readonly attempts: Array<Span | undefined>;
}

/** The fields a call's metric attribute sets are made of (the last ones used are kept). */
interface MetricSetKey {
  operation: string;
  provider: string;
  model: string;
  responseModel: string | undefined;
  error: string;
  sets: MetricAttributeSets;
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

  const calls = new Map<string, OpenCall>();
  // The metric attribute sets of each (operation, provider, model, response model, error) a call
  // ended with, built once: a service sees a handful of them, and every call records three.
  const metricSets = new Map<string, MetricAttributeSets>();
  // Most calls end like the one before: same operation, deployment, response model and outcome.
  let last: MetricSetKey | undefined;
  const metricAttributes = (event: CallEndEvent): MetricAttributeSets => {
    const error = event.outcome === 'success' ? '' : (event.error_type ?? event.outcome);
    if (
      last !== undefined &&
      last.error === error &&
      last.model === event.model &&
      last.provider === event.provider &&
      last.responseModel === event.response_model &&
      last.operation === event.operation
    )
      return last.sets;
    const key = `${event.operation}\u0000${event.provider}\u0000${event.model}\u0000${event.response_model ?? ''}\u0000${error}`;
    let sets = metricSets.get(key);
    if (sets === undefined) {
      const call: Attributes = {
        'gen_ai.operation.name': event.operation === 'embedding' ? 'embeddings' : 'chat',
        'gen_ai.provider.name': event.provider,
        'gen_ai.request.model': event.model,
      };
      if (event.response_model) call['gen_ai.response.model'] = event.response_model;
      if (error !== '') call['error.type'] = error;
      sets = {
        call,
        input: { ...call, 'gen_ai.token.type': 'input' },
        output: { ...call, 'gen_ai.token.type': 'output' },
      };
      // Bounded: response models and error types come from providers.
      if (metricSets.size >= MAX_METRIC_SETS) metricSets.clear();
      metricSets.set(key, sets);
    }
    last = {
      operation: event.operation,
      provider: event.provider,
      model: event.model,
      responseModel: event.response_model,
      error,
      sets,
    };
    return sets;
  };

  const stop = subscribe(source, {
    'call-start': (event: CallStartEvent) => {
      const id = callIdOf(event);
      if (id === undefined) return;
      const request = event.request as Partial<LLMRequest> | undefined;
      const operation = event.operation === 'embedding' ? 'embeddings' : 'chat';
      const attributes: Attributes = {
        'gen_ai.operation.name': operation,
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
      const span = tracer.startSpan(`${operation} ${event.model}`, {
        kind: SpanKind.CLIENT,
        attributes,
      });
      // No SDK registered (or the call sampled out): nothing of the call is recorded, so its
      // attempts get no spans and its end no attributes.
      if (!span.isRecording()) return;
      calls.set(id, { span, context: undefined, attempts: [] });
    },
    'attempt-start': (event: AttemptStartEvent) => {
      const call = calls.get(callIdOf(event) ?? '');
      if (!call) return;
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
        (call.context ??= trace.setSpan(context.active(), call.span)),
      );
      call.attempts[event.attempt] = span;
    },
    'attempt-end': (event: AttemptEndEvent) => {
      const attempts = calls.get(callIdOf(event) ?? '')?.attempts;
      const span = attempts?.[event.attempt];
      if (!span) return;
      attempts![event.attempt] = undefined;
      if (event.outcome !== 'success') {
        span.setAttributes({
          'error.type': event.error_type ?? event.outcome,
          ...(event.status === undefined ? {} : { 'http.response.status_code': event.status }),
        });
        span.setStatus({ code: SpanStatusCode.ERROR, message: event.outcome });
      } else if (event.status !== undefined) {
        span.setAttribute('http.response.status_code', event.status);
      }
      span.end();
    },
    'call-end': (event: CallEndEvent) => {
      const id = callIdOf(event);
      const metric = metricAttributes(event);
      operationDuration.record(event.duration_ms / 1000, metric.call);
      if (event.ttfc_ms !== undefined) firstChunk.record(event.ttfc_ms / 1000, metric.call);
      if (event.usage && !event.cache_hit) {
        tokenUsage.record(event.usage.prompt_tokens, metric.input);
        tokenUsage.record(event.usage.completion_tokens, metric.output);
      }
      const call = id === undefined ? undefined : calls.get(id);
      if (!call) return;
      calls.delete(id!);
      const span = call.span;
      const attributes = endAttributes(event);
      if (options.recordContent && event.content !== undefined)
        attributes['gen_ai.output.messages'] = recorded(event.content);
      span.setAttributes(attributes);
      if (event.outcome !== 'success') {
        span.setStatus({
          code: SpanStatusCode.ERROR,
          message: scanner.text(event.error_message ?? event.outcome),
        });
      }
      for (const attempt of call.attempts) attempt?.end();
      span.end();
    },
  });
  return () => {
    stop();
    for (const call of calls.values()) {
      for (const attempt of call.attempts) attempt?.end();
      call.span.end();
    }
    calls.clear();
  };
}
