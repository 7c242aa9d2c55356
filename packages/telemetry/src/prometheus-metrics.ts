// Prometheus series of the toolkit, fed by the manager's events; `prom-client` holds and renders them.
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  LLMError,
  LLMErrorType,
  type CacheLookupEvent,
  type CallEndEvent,
  type CallStartEvent,
} from '@llm/core';
import { Counter, Gauge, register, type Registry } from 'prom-client';
import { BucketHistogram, type HistogramSeries } from './bucket-histogram';
import { forEachCost } from './call-costs';
import { callIdOf, subscribe, type TelemetryEventSource } from './event-source';
import { ExactCostSum } from './exact-cost-sum';
import type * as Pipeline from './pipeline-event-shapes';

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

/** The `type` label of each token count, in the order `ModelSeries.tokens` keeps them. */
const TOKEN_TYPES = ['input', 'output', 'cached', 'cache_write', 'reasoning'] as const;

/**
 * What one (provider, model) pair has counted. Events add plain numbers here; prom-client's
 * `inc(labels)` hashes its labels on every call, so the counters read these totals only when
 * scraped (`collect`), and the per-call cost is a map lookup and a few additions.
 */
interface ModelSeries {
  /** The counters' label object, built once. */
  readonly labels: { readonly provider: string; readonly model: string };
  /** The histograms' counts for these labels, taken once. */
  readonly duration: HistogramSeries;
  readonly firstChunk: HistogramSeries;
  readonly requests: Map<string, number>;
  readonly errors: Map<string, number>;
  /** By TOKEN_TYPES. */
  readonly tokens: number[];
  readonly costs: Map<string, ExactCostSum>;
  retries: number;
}

function increment<Key>(counts: Map<Key, number>, key: Key, by = 1): void {
  counts.set(key, (counts.get(key) ?? 0) + by);
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
  const byProvider = new Map<string, Map<string, ModelSeries>>();
  const seriesOf = (provider: string, model: string): ModelSeries => {
    let models = byProvider.get(provider);
    if (models === undefined) byProvider.set(provider, (models = new Map()));
    let series = models.get(model);
    if (series === undefined) {
      series = {
        labels: { provider, model },
        duration: duration.series({ provider, model }),
        firstChunk: firstChunk.series({ provider, model }),
        requests: new Map(),
        errors: new Map(),
        tokens: [0, 0, 0, 0, 0],
        costs: new Map(),
        retries: 0,
      };
      models.set(model, series);
    }
    return series;
  };
  const eachSeries = (visit: (series: ModelSeries) => void) => {
    for (const models of byProvider.values()) for (const series of models.values()) visit(series);
  };
  const activeCalls = new Map<string, number>();
  const rateLimited = new Map<string, number>();
  const fallbackCounts = new Map<string, Map<string, number>>();
  const cacheResults = { hit: 0, miss: 0 };

  new Counter({
    name: `${prefix}requests_total`,
    help: 'Calls by provider, model and outcome (success or the error type).',
    labelNames: ['provider', 'model', 'status'],
    registers,
    collect() {
      this.reset();
      eachSeries(({ labels, requests }) => {
        for (const [status, count] of requests) this.inc({ ...labels, status }, count);
      });
    },
  });
  const duration = new BucketHistogram({
    name: `${prefix}request_duration_seconds`,
    help: 'Wall time of a call, retries and fallbacks included.',
    labelNames: ['provider', 'model'],
    buckets: DURATION_BUCKETS,
    registers,
  });
  new Gauge({
    name: `${prefix}active_requests`,
    help: 'Calls in flight.',
    labelNames: ['provider'],
    registers,
    collect() {
      this.reset();
      for (const [provider, count] of activeCalls) this.set({ provider }, count);
    },
  });
  new Counter({
    name: `${prefix}tokens_total`,
    help: 'Tokens providers processed: input and output are the totals; cached, cache_write and reasoning are subsets of them.',
    labelNames: ['provider', 'model', 'type'],
    registers,
    collect() {
      this.reset();
      eachSeries(({ labels, tokens }) => {
        tokens.forEach((count, index) => {
          if (count > 0) this.inc({ ...labels, type: TOKEN_TYPES[index]! }, count);
        });
      });
    },
  });
  new Counter({
    name: `${prefix}cost_total`,
    help: 'What the calls cost, summed exactly, by currency.',
    labelNames: ['provider', 'model', 'currency'],
    registers,
    collect() {
      this.reset();
      eachSeries(({ labels, costs }) => {
        for (const [currency, sum] of costs) this.inc({ ...labels, currency }, sum.toNumber());
      });
    },
  });
  new Counter({
    name: `${prefix}errors_total`,
    help: 'Failed calls by error type.',
    labelNames: ['provider', 'model', 'error_type'],
    registers,
    collect() {
      this.reset();
      eachSeries(({ labels, errors }) => {
        for (const [error_type, count] of errors) this.inc({ ...labels, error_type }, count);
      });
    },
  });
  new Counter({
    name: `${prefix}rate_limit_hits_total`,
    help: 'Times a local rate limit delayed or refused a call.',
    labelNames: ['provider'],
    registers,
    collect() {
      this.reset();
      for (const [provider, count] of rateLimited) this.inc({ provider }, count);
    },
  });
  const breaker = new Gauge({
    name: `${prefix}circuit_breaker_state`,
    help: 'Circuit state: 0 closed, 1 open, 2 half-open.',
    labelNames: ['provider', 'model'],
    registers,
  });
  const firstChunk = new BucketHistogram({
    name: `${prefix}time_to_first_chunk_seconds`,
    help: 'Time from the start of a streaming call to its first chunk.',
    labelNames: ['provider', 'model'],
    buckets: FIRST_CHUNK_BUCKETS,
    registers,
  });
  new Counter({
    name: `${prefix}retries_total`,
    help: 'Failed attempts that were retried.',
    labelNames: ['provider', 'model'],
    registers,
    collect() {
      this.reset();
      eachSeries(({ labels, retries }) => {
        if (retries > 0) this.inc(labels, retries);
      });
    },
  });
  new Counter({
    name: `${prefix}fallbacks_total`,
    help: 'Calls that moved from one deployment to another.',
    labelNames: ['from', 'to'],
    registers,
    collect() {
      this.reset();
      for (const [from, targets] of fallbackCounts)
        for (const [to, count] of targets) this.inc({ from, to }, count);
    },
  });
  new Counter({
    name: `${prefix}cache_requests_total`,
    help: 'Response cache lookups by result (hit or miss).',
    labelNames: ['result'],
    registers,
    collect() {
      this.reset();
      if (cacheResults.hit > 0) this.inc({ result: 'hit' }, cacheResults.hit);
      if (cacheResults.miss > 0) this.inc({ result: 'miss' }, cacheResults.miss);
    },
  });

  // The provider label a call was counted under when it started, so its end decrements the same one.
  const activeLabel = new Map<string, string>();
  const unsubscribe = subscribe(source, {
    'call-start': (event: CallStartEvent) => {
      const provider = event.provider ?? 'default';
      const id = callIdOf(event);
      if (id !== undefined) activeLabel.set(id, provider);
      increment(activeCalls, provider);
    },
    'call-end': (event: CallEndEvent) => {
      const id = callIdOf(event);
      const started = id === undefined ? undefined : activeLabel.get(id);
      if (started !== undefined) {
        activeLabel.delete(id!);
        increment(activeCalls, started, -1);
      }
      const series = seriesOf(event.provider, event.model);
      increment(series.requests, event.outcome);
      series.duration.observe(event.duration_ms / 1000);
      if (event.ttfc_ms !== undefined) series.firstChunk.observe(event.ttfc_ms / 1000);
      if (event.outcome !== 'success') increment(series.errors, event.error_type ?? event.outcome);
      // A cache hit processed nothing at a provider: its tokens and cost were counted when it was made.
      if (event.cache_hit) return;
      const usage = event.usage;
      if (usage) {
        const tokens = series.tokens;
        tokens[0]! += usage.prompt_tokens > 0 ? usage.prompt_tokens : 0;
        tokens[1]! += usage.completion_tokens > 0 ? usage.completion_tokens : 0;
        if (usage.cached_tokens! > 0) tokens[2]! += usage.cached_tokens!;
        if (usage.cache_write_tokens! > 0) tokens[3]! += usage.cache_write_tokens!;
        if (usage.reasoning_tokens! > 0) tokens[4]! += usage.reasoning_tokens!;
      }
      forEachCost(event, (currency, amount) => {
        let sum = series.costs.get(currency);
        if (sum === undefined) series.costs.set(currency, (sum = new ExactCostSum()));
        sum.add(amount);
      });
    },
    retry: (event: Pipeline.RetryEvent) =>
      void (seriesOf(event.provider, event.model ?? '').retries += 1),
    fallback: (event: Pipeline.FallbackEvent) => {
      let targets = fallbackCounts.get(event.from);
      if (targets === undefined) fallbackCounts.set(event.from, (targets = new Map()));
      increment(targets, event.to);
    },
    'rate-limited': (event: Pipeline.RateLimitedEvent) => increment(rateLimited, event.provider),
    'breaker-state': (event: Pipeline.BreakerStateEvent) =>
      breaker.set(
        { provider: event.provider, model: event.model ?? '' },
        CIRCUIT_STATE_VALUES[event.to] ?? 0,
      ),
    'cache-hit': (_event: CacheLookupEvent) => void (cacheResults.hit += 1),
    'cache-miss': (_event: CacheLookupEvent) => void (cacheResults.miss += 1),
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
