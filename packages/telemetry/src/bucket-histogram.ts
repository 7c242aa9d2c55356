// A Prometheus histogram that counts into plain arrays and hands prom-client its values only when
// the registry is scraped. prom-client's own `observe` validates the labels, hashes them, and looks
// the bucket up by its bound turned into a property name on every call; here an observation is a
// loop over the bounds and three additions.
import type { Metric, OpenMetricsContentType, PrometheusContentType, Registry } from 'prom-client';

/** One label set's counts: `counts[i]` observations in bucket i alone (not cumulative). */
export interface HistogramSeries {
  observe(value: number): void;
}

interface SeriesCounts extends HistogramSeries {
  readonly labels: Readonly<Record<string, string>>;
  readonly counts: Float64Array;
  sum: number;
  count: number;
}

/** A value as prom-client's registry formats it: the series' labels apart (`sharedLabels`), as its Histogram does. */
interface ExportedValue {
  labels: Record<string, string | number>;
  sharedLabels: Readonly<Record<string, string>>;
  value: number;
  metricName: string;
  exemplar: null | undefined;
}

export interface BucketHistogramOptions {
  readonly name: string;
  readonly help: string;
  readonly labelNames: readonly string[];
  /** Upper bounds, ascending. */
  readonly buckets: readonly number[];
  readonly registers: ReadonlyArray<
    Registry<PrometheusContentType> | Registry<OpenMetricsContentType>
  >;
}

/**
 * Registered in each of `registers` like a prom-client `Histogram` and rendered exactly as one:
 * `_bucket` lines with cumulative counts and `le` first, then `+Inf`, `_sum` and `_count`, for
 * every label set observed at least once. `series(labels)` is taken once per label set; its
 * `observe` is the per-call cost.
 */
export class BucketHistogram {
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  readonly name: string;
  readonly help: string;
  readonly labelNames: readonly string[];
  readonly #bounds: Float64Array;
  readonly #buckets: readonly number[];
  readonly #series = new Map<string, SeriesCounts>();

  constructor(options: BucketHistogramOptions) {
    this.name = options.name;
    this.help = options.help;
    this.labelNames = options.labelNames;
    this.#buckets = [...options.buckets];
    this.#bounds = Float64Array.from(options.buckets);
    // prom-client's registry reads `get()` (and `getForPromString()` when present) of any metric.
    for (const registry of options.registers) registry.registerMetric(this as unknown as Metric);
  }

  /** The counts of one label set (in `labelNames` order), created on first use. */
  series(labels: Readonly<Record<string, string>>): HistogramSeries {
    const key = this.labelNames.map((name) => labels[name] ?? '').join('\u0000');
    let series = this.#series.get(key);
    if (series === undefined) {
      const bounds = this.#bounds;
      const counts = new Float64Array(bounds.length);
      const created: SeriesCounts = {
        labels: { ...labels },
        counts,
        sum: 0,
        count: 0,
        observe(value: number) {
          if (!Number.isFinite(value)) return;
          for (let index = 0; index < bounds.length; index++) {
            if (value <= bounds[index]!) {
              counts[index]! += 1;
              break;
            }
          }
          created.sum += value;
          created.count += 1;
        },
      };
      this.#series.set(key, (series = created));
    }
    return series;
  }

  /** The values as prom-client's registry renders them (what `/metrics` shows). */
  async getForPromString() {
    const values: ExportedValue[] = [];
    const bucketName = `${this.name}_bucket`;
    for (const series of this.#series.values()) {
      if (series.count === 0) continue;
      let cumulative = 0;
      this.#buckets.forEach((bound, index) => {
        cumulative += series.counts[index]!;
        values.push({
          labels: { le: bound },
          sharedLabels: series.labels,
          value: cumulative,
          metricName: bucketName,
          exemplar: null,
        });
      });
      values.push(
        {
          labels: { le: '+Inf' },
          sharedLabels: series.labels,
          value: series.count,
          metricName: bucketName,
          exemplar: null,
        },
        {
          labels: {},
          sharedLabels: series.labels,
          value: series.sum,
          metricName: `${this.name}_sum`,
          exemplar: undefined,
        },
        {
          labels: {},
          sharedLabels: series.labels,
          value: series.count,
          metricName: `${this.name}_count`,
          exemplar: undefined,
        },
      );
    }
    return {
      name: this.name,
      help: this.help,
      type: this.type,
      values,
      aggregator: this.aggregator,
    };
  }

  /** The values with every label on each (prom-client's `get()`: JSON export, cluster aggregation). */
  async get() {
    const data = await this.getForPromString();
    return {
      ...data,
      values: data.values.map(({ sharedLabels, labels, ...value }) => ({
        ...value,
        labels: { ...labels, ...sharedLabels },
      })),
    };
  }

  /** Forgets every observation (prom-client's `registry.resetMetrics()`); taken series stay usable. */
  reset(): void {
    for (const series of this.#series.values()) {
      series.counts.fill(0);
      series.sum = 0;
      series.count = 0;
    }
  }
}
