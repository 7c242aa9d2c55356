import { readFileSync } from 'node:fs';
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { Registry } from 'prom-client';
import { createPrometheusMetrics } from './prometheus-metrics';

const dashboard = JSON.parse(
  readFileSync(new URL('../dashboards/llm-grafana-dashboard.json', import.meta.url), 'utf8'),
) as { panels: Array<{ title: string; targets: Array<{ expr: string }> }> };

describe('the Grafana dashboard', () => {
  it('queries only series createPrometheusMetrics registers, and shows every one of them', async () => {
    const registry = new Registry();
    createPrometheusMetrics(new EventEmitter(), { registry });
    const registered = new Set((await registry.getMetricsAsJSON()).map((metric) => metric.name));
    const queried = new Set(
      dashboard.panels
        .flatMap((panel) => panel.targets.map((target) => target.expr))
        .flatMap((expr) => expr.match(/llm_[a-z_]+/g) ?? [])
        .map((name) => name.replace(/_bucket$/, '')),
    );
    for (const name of queried) expect(registered).toContain(name);
    expect([...registered].sort()).toEqual([...queried].sort());
  });
});
