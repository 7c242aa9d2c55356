import { describe, expect, it } from 'vitest';
import {
  Histogram,
  Registry,
  type OpenMetricsContentType,
  type PrometheusContentType,
} from 'prom-client';
import { BucketHistogram } from './bucket-histogram';

const BUCKETS = [0.05, 0.1, 0.25, 1, 5];
const OBSERVED: Array<[Record<string, string>, number]> = [
  [{ provider: 'openai', model: 'gpt-4o' }, 0.01],
  [{ provider: 'openai', model: 'gpt-4o' }, 0.1],
  [{ provider: 'openai', model: 'gpt-4o' }, 0.3],
  [{ provider: 'openai', model: 'gpt-4o' }, 42],
  [{ provider: 'claude', model: 'say "hi"\\\n' }, 0.07],
  [{ provider: 'openai', model: 'gpt-4o' }, 1.2],
];

/** The same observations in prom-client's own Histogram and in ours, each in its own registry. */
function both(
  make: () => Registry<PrometheusContentType> | Registry<OpenMetricsContentType> = () =>
    new Registry(),
) {
  const reference = make();
  const ours = make();
  const options = { name: 'llm_duration_seconds', help: 'A duration.', buckets: BUCKETS };
  const histogram = new Histogram({
    ...options,
    labelNames: ['provider', 'model'],
    registers: [reference],
  });
  const bucketed = new BucketHistogram({
    ...options,
    labelNames: ['provider', 'model'],
    registers: [ours],
  });
  for (const [labels, value] of OBSERVED) {
    histogram.labels(labels.provider!, labels.model!).observe(value);
    bucketed.series(labels).observe(value);
  }
  return { reference, ours, histogram, bucketed };
}

describe('BucketHistogram', () => {
  it('renders exactly what prom-client renders for the same observations', async () => {
    const { reference, ours } = both();
    const text = await ours.metrics();
    expect(text).toBe(await reference.metrics());
    expect(text).toContain(
      'llm_duration_seconds_bucket{le="0.1",provider="openai",model="gpt-4o"} 2',
    );
    expect(text).toContain(
      'llm_duration_seconds_bucket{le="+Inf",provider="openai",model="gpt-4o"} 5',
    );
    expect(text).toContain('llm_duration_seconds_count{provider="openai",model="gpt-4o"} 5');
  });

  it('matches with the registry default labels and in the OpenMetrics format too', async () => {
    const labelled = both(() => {
      const registry = new Registry();
      registry.setDefaultLabels({ service: 'api' });
      return registry;
    });
    expect(await labelled.ours.metrics()).toBe(await labelled.reference.metrics());
    const openMetrics = both(() => {
      const registry = new Registry<OpenMetricsContentType>();
      registry.setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
      return registry;
    });
    expect(await openMetrics.ours.metrics()).toBe(await openMetrics.reference.metrics());
  });

  it("gives the JSON export prom-client's values, each with all its labels", async () => {
    const { reference, ours } = both();
    expect(await ours.getMetricsAsJSON()).toEqual(await reference.getMetricsAsJSON());
  });

  it('lists no label set before its first observation and none after a reset', async () => {
    const registry = new Registry();
    const histogram = new BucketHistogram({
      name: 'ttfc_seconds',
      help: 'First chunk.',
      labelNames: ['provider'],
      buckets: [1],
      registers: [registry],
    });
    const series = histogram.series({ provider: 'openai' });
    expect(histogram.series({ provider: 'openai' })).toBe(series);
    expect(await registry.metrics()).toBe(
      '# HELP ttfc_seconds First chunk.\n# TYPE ttfc_seconds histogram\n',
    );
    series.observe(Number.NaN);
    series.observe(2);
    expect(await registry.metrics()).toContain('ttfc_seconds_bucket{le="1",provider="openai"} 0');
    expect(await registry.metrics()).toContain('ttfc_seconds_count{provider="openai"} 1');
    registry.resetMetrics();
    expect(await registry.metrics()).not.toContain('ttfc_seconds_count');
    series.observe(0.5);
    expect(await registry.metrics()).toContain('ttfc_seconds_bucket{le="1",provider="openai"} 1');
  });

  it('is refused by a registry that already holds the name', () => {
    const registry = new Registry();
    const options = {
      name: 'twice',
      help: 'h',
      labelNames: [],
      buckets: [1],
      registers: [registry],
    };
    new BucketHistogram(options);
    expect(() => new BucketHistogram(options)).toThrow(/already been registered/);
  });
});
