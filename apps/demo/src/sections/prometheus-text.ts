import type { DemoSection } from '../demo-section';

/** The series the tour prints: its calls, tokens, cost, errors, retries, fallbacks and circuits. */
export const PRINTED_SERIES = [
  'llm_requests_total',
  'llm_tokens_total',
  'llm_cost_total',
  'llm_errors_total',
  'llm_retries_total',
  'llm_fallbacks_total',
  'llm_circuit_breaker_state',
] as const;

/** The sample lines of `series` in a Prometheus exposition text (no HELP/TYPE lines, no histograms). */
export function seriesLines(
  exposition: string,
  series: readonly string[] = PRINTED_SERIES,
): string[] {
  return exposition
    .split('\n')
    .filter((line) =>
      series.some((name) => line.startsWith(`${name}{`) || line.startsWith(`${name} `)),
    );
}

export const prometheusText: DemoSection = {
  title: 'The Prometheus text for the calls the demo made',
  explanation:
    'createPrometheusMetrics subscribed to the manager before the tour; this is what GET /metrics\n' +
    'serves for the calls above (trimmed to the llm_* counters and gauges; cost summed exactly).',
  async run({ metrics, write }) {
    for (const line of seriesLines(await metrics.metrics())) write(`  ${line}\n`);
  },
};
