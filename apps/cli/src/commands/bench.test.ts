import { afterEach, describe, expect, it } from 'vitest';
import { startCliFixture, type CliFixture } from '../__tests__/cli-fixture';
import { percentile } from './bench';

let fixture: CliFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

interface BenchJson {
  calls: number;
  succeeded: number;
  errors: Record<string, number>;
  latency_ms: { p50: number; p95: number; p99: number };
  first_chunk_ms?: { p50: number };
  tokens_per_second: { per_call_p50: number; overall: number };
  total_cost: number;
}

describe('llm bench', () => {
  it('streams n calls at the given concurrency and reports percentiles, first chunk, tokens/s, errors and cost', async () => {
    fixture = await startCliFixture();
    fixture.simulator.script({ error: { status: 400, message: 'bad request' }, times: 2 });
    const result = await fixture.run(
      'bench',
      '-m',
      'gpt-4o-mini',
      '-n',
      '12',
      '--concurrency',
      '3',
      '--stream',
      '--json',
    );
    expect(result.code).toBe(0);
    const bench = JSON.parse(result.stdout) as BenchJson;
    expect(bench.calls).toBe(12);
    expect(bench.succeeded).toBe(10);
    expect(bench.errors).toEqual({ invalid_request: 2 });
    expect(bench.latency_ms.p50).toBeGreaterThan(0);
    expect(bench.latency_ms.p99).toBeGreaterThanOrEqual(bench.latency_ms.p50);
    expect(bench.first_chunk_ms?.p50).toBeGreaterThan(0);
    expect(bench.tokens_per_second.overall).toBeGreaterThan(0);
    expect(bench.total_cost).toBeGreaterThan(0);
    expect(fixture.simulator.requests).toHaveLength(12);
  });

  it('prints a table for people and needs a model', async () => {
    fixture = await startCliFixture();
    const table = await fixture.run('bench', '-m', 'gpt-4o-mini', '-n', '3');
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(
      /^latency p50 \/ p95 \/ p99\s+[\d.]+ ms \/ [\d.]+ ms \/ [\d.]+ ms$/m,
    );
    expect(table.stdout).toMatch(/^first chunk p50 \/ p95\s+n\/a \(use --stream\)$/m);
    expect(table.stdout).toMatch(/^total cost\s+0\.\d+ USD$/m);
    const missing = await fixture.run('bench');
    expect(missing.code).toBe(2);
    const bad = await fixture.run('bench', '-m', 'x', '-n', '0');
    expect(bad.stderr).toMatch(/--number takes a whole number from 1 to 100000/);
  });

  it('takes the nearest-rank percentile', () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)).toBe(5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBe(10);
    expect(percentile([], 50)).toBeUndefined();
  });
});
