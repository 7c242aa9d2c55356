// Prometheus series of the toolkit, fed by the manager's events; `prom-client` holds and renders them.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LLMError, LLMErrorType } from '@llm/core';
import { Counter, Gauge, Histogram, register, type Registry } from 'prom-client';
import { ExactCostSum } from './exact-cost-sum';
import {
  subscribe,
  type BreakerStateEvent,
  type CacheEvent,
  type CallEndEvent,
  type CallStartEvent,
  type FallbackEvent,
  type RateLimitedEvent,
  type RetryEvent,
  type TelemetryEventSource,
} from './manager-event-shapes';
import { callIdOf } from './manager-event-shapes';

export interface PrometheusMetricsOptions {
  /** Where the series are registered (default prom-client's global registry, which `metricsHandler()` serves). */
  readonly registry?: Registry;
  /** Prefix of every series name (default `llm_`). */
  readonly prefix?: string;
}

export interface PrometheusMetrics {
  readonly registry: Registry;
  /** The exposition text, as `/metrics` serves it. */
  metrics(): Promise<string>;
  /** A handler for any Node HTTP server (`http.createServer(metrics.handler())`). */
  handler(): (request: IncomingMessage, response: ServerResponse) => void;
  /** Stops listening to the events; the series stay registered. */
  close(): void;
}

/** The gauge value of each circuit state. */
export const CIRCUIT_STATE_VALUES: Readonly<Record<string, number>> = {
  closed: 0,
  open: 1,
  'half-open': 2,
};

const DURATION_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60, 120];
const FIRST_CHUNK_BUCKETS = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30];

/** The token counts of a usage object, by the `type` label: input/output are the totals, the others subsets. */
function tokenCounts(
  usage: NonNullable<CallEndEvent['usage']>,
): Array<[string, number | undefined]> {
  return [
    ['input', usage.prompt_tokens],
    ['output', usage.completion_tokens],
    ['cached', usage.cached_tokens],
    ['cache_write', usage.cache_write_tokens],
    ['reasoning', usage.reasoning_tokens],
  ];
}

/**
 * Registers the toolkit's Prometheus series and keeps them current from `source`'s events: requests,
 * durations, in-flight calls, tokens and cost (only what providers processed; cache hits count in
 * `llm_cache_requests_total`), errors, rate-limit hits, circuit states, time to first chunk,
 * retries, fallbacks and cache results.
 */
export function createPrometheusMetrics(
  source: TelemetryEventSource,
  options: PrometheusMetricsOptions = {},
): PrometheusMetrics {
  const registry = options.registry ?? register;
  const prefix = options.prefix ?? 'llm_';
  if (registry.getSingleMetric(`${prefix}requests_total`)) {
    throw new LLMError({
      type: LLMErrorType.INVALID_REQUEST,
      message: `createPrometheusMetrics: the series ${prefix}* are already registered in this registry; pass another \`registry\` or \`prefix\` for a second manager`,
      retryable: false,
    });
  }
  const registers = [registry];
  const requests = new Counter({
    name: `${prefix}requests_total`,
    help: 'Calls by provider, model and outcome (success or the error type).',
    labelNames: ['provider', 'model', 'status'],
    registers,
  });
  const duration = new Histogram({
    name: `${prefix}request_duration_seconds`,
    help: 'Wall time of a call, retries and fallbacks included.',
    labelNames: ['provider', 'model'],
    buckets: DURATION_BUCKETS,
    registers,
  });
  const active = new Gauge({
    name: `${prefix}active_requests`,
    help: 'Calls in flight.',
    labelNames: ['provider'],
    registers,
  });
  const tokens = new Counter({
    name: `${prefix}tokens_total`,
    help: 'Tokens providers processed: input and output are the totals; cached, cache_write and reasoning are subsets of them.',
    labelNames: ['provider', 'model', 'type'],
    registers,
  });
  const costSums = new Map<string, { labels: Record<string, string>; sum: ExactCostSum }>();
  new Counter({
    name: `${prefix}cost_total`,
    help: 'What the calls cost, summed exactly, by currency.',
    labelNames: ['provider', 'model', 'currency'],
    registers,
    collect() {
      this.reset();
      for (const { labels, sum } of costSums.values()) this.inc(labels, sum.toNumber());
    },
  });
  const errors = new Counter({
    name: `${prefix}errors_total`,
    help: 'Failed calls by error type.',
    labelNames: ['provider', 'model', 'error_type'],
    registers,
  });
  const rateLimitHits = new Counter({
    name: `${prefix}rate_limit_hits_total`,
    help: 'Times a local rate limit delayed or refused a call.',
    labelNames: ['provider'],
    registers,
  });
  const breaker = new Gauge({
    name: `${prefix}circuit_breaker_state`,
    help: 'Circuit state: 0 closed, 1 open, 2 half-open.',
    labelNames: ['provider', 'model'],
    registers,
  });
  const firstChunk = new Histogram({
    name: `${prefix}time_to_first_chunk_seconds`,
    help: 'Time from the start of a streaming call to its first chunk.',
    labelNames: ['provider', 'model'],
    buckets: FIRST_CHUNK_BUCKETS,
    registers,
  });
  const retries = new Counter({
    name: `${prefix}retries_total`,
    help: 'Failed attempts that were retried.',
    labelNames: ['provider', 'model'],
    registers,
  });
  const fallbacks = new Counter({
    name: `${prefix}fallbacks_total`,
    help: 'Calls that moved from one deployment to another.',
    labelNames: ['from', 'to'],
    registers,
  });
  const cacheRequests = new Counter({
    name: `${prefix}cache_requests_total`,
    help: 'Response cache lookups by result (hit or miss).',
    labelNames: ['result'],
    registers,
  });

  // The provider label a call was counted under when it started, so its end decrements the same one.
  const activeLabel = new Map<string, string>();
  const unsubscribe = subscribe(source, {
    'call-start': (event: CallStartEvent) => {
      const provider = event.provider ?? 'default';
      const id = callIdOf(event);
      if (id !== undefined) activeLabel.set(id, provider);
      active.inc({ provider });
    },
    'call-end': (event: CallEndEvent) => {
      const id = callIdOf(event);
      const started = id === undefined ? undefined : activeLabel.get(id);
      if (started !== undefined) {
        activeLabel.delete(id!);
        active.dec({ provider: started });
      }
      const labels = { provider: event.provider, model: event.model };
      requests.inc({ ...labels, status: event.outcome });
      duration.observe(labels, event.duration_ms / 1000);
      if (event.ttfc_ms !== undefined) firstChunk.observe(labels, event.ttfc_ms / 1000);
      if (event.outcome !== 'success')
        errors.inc({ ...labels, error_type: event.error_type ?? event.outcome });
      // A cache hit processed nothing at a provider: its tokens and cost were counted when it was made.
      if (event.cache_hit) return;
      if (event.usage) {
        for (const [type, count] of tokenCounts(event.usage))
          if (count !== undefined && count > 0) tokens.inc({ ...labels, type }, count);
      }
      const amount = event.cost_decimal ?? event.cost;
      if (amount !== undefined && event.currency !== undefined) {
        const costLabels = { ...labels, currency: event.currency };
        const key = JSON.stringify(costLabels);
        let entry = costSums.get(key);
        if (!entry) {
          entry = { labels: costLabels, sum: new ExactCostSum() };
          costSums.set(key, entry);
        }
        entry.sum.add(amount);
      }
    },
    retry: (event: RetryEvent) =>
      retries.inc({ provider: event.provider, model: event.model ?? '' }),
    fallback: (event: FallbackEvent) => fallbacks.inc({ from: event.from, to: event.to }),
    'rate-limited': (event: RateLimitedEvent) => rateLimitHits.inc({ provider: event.provider }),
    'breaker-state': (event: BreakerStateEvent) =>
      breaker.set(
        { provider: event.provider, model: event.model ?? '' },
        CIRCUIT_STATE_VALUES[event.to] ?? 0,
      ),
    'cache-hit': (_event: CacheEvent) => cacheRequests.inc({ result: 'hit' }),
    'cache-miss': (_event: CacheEvent) => cacheRequests.inc({ result: 'miss' }),
  });

  return {
    registry,
    metrics: () => registry.metrics(),
    handler: () => metricsHandler(registry),
    close: unsubscribe,
  };
}

/**
 * A request handler serving `registry`'s exposition text (default prom-client's global registry) (any path; mount it at `/metrics`). A
 * failure to collect answers 500 with the reason, never a half-written body.
 */
export function metricsHandler(
  registry: Registry = register,
): (request: IncomingMessage, response: ServerResponse) => void {
  return (_request, response) => {
    registry.metrics().then(
      (text) => {
        response.writeHead(200, { 'content-type': registry.contentType });
        response.end(text);
      },
      (error: unknown) => {
        response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        response.end(`metrics could not be collected: ${String(error)}`);
      },
    );
  };
}
