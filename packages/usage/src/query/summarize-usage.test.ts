import { describe, expect, it } from 'vitest';
import type { UsageFilter, UsageRecord } from '@llm/core';
import { createCurrencyConverter } from '../money/currency-converter';
import { JsonlUsageStore } from '../store/jsonl/jsonl-usage-store';
import { MemoryUsageStore } from '../store/memory-usage-store';
import type { UsageStore } from '../store/usage-store';
import { sampleRecord } from '../__tests__/sample-records';
import { summarizeUsage } from './summarize-usage';
import { temporaryDirectory } from '../__tests__/temporary-directory';

const HOUR = 3_600_000;
const START = Date.UTC(2026, 6, 20);
const converter = createCurrencyConverter();

async function summaries(store: UsageStore, filter: UsageFilter) {
  return (await summarizeUsage(store, filter)).map((group) => group.toSummary(converter));
}

describe('summarizeUsage', () => {
  it('returns one summary per provider and model by default, with the IUsageTracker summary fields', async () => {
    const store = new MemoryUsageStore();
    store.appendSync([
      sampleRecord({ timestamp: START, response_time: 100 }),
      sampleRecord({
        timestamp: START + 1,
        success: false,
        error_type: 'timeout',
        response_time: 300,
        cost: undefined,
        cost_decimal: undefined,
      }),
      sampleRecord({
        model_name: 'claude-sonnet-4-5',
        provider_name: 'claude',
        timestamp: START + 2,
        cost_decimal: '0.01',
      }),
    ]);
    const [claude, openai] = await summaries(store, {});
    expect(openai).toMatchObject({
      model_name: 'gpt-4o',
      provider_name: 'openai',
      group: 'openai/gpt-4o',
      total_requests: 2,
      successful_requests: 1,
      failed_requests: 1,
      total_prompt_tokens: 200,
      total_cost_decimal: '0.00045',
      currency: 'USD',
      average_response_time: 200,
      first_request_time: START,
      last_request_time: START + 1,
    });
    expect(claude).toMatchObject({ provider_name: 'claude', total_cost_decimal: '0.01' });
  });

  it.each([
    ['provider', ['claude', 'openai']],
    ['day', ['2026-07-20', '2026-07-21']],
    ['hour', ['2026-07-20T00:00Z', '2026-07-20T05:00Z', '2026-07-21T00:00Z']],
    ['tag:user', ['(untagged)', 'ada', 'bob']],
    ['none', ['all']],
  ] as const)('groups by %s', async (groupBy, groups) => {
    const store = new MemoryUsageStore();
    store.appendSync([
      sampleRecord({ timestamp: START, tags: { user: 'ada' } }),
      sampleRecord({ timestamp: START + 5 * HOUR, provider_name: 'claude', tags: { user: 'bob' } }),
      sampleRecord({ timestamp: START + 24 * HOUR }),
    ]);
    expect((await summaries(store, { group_by: groupBy })).map((summary) => summary.group)).toEqual(
      groups,
    );
  });

  it('converts a group of mixed currencies to the display currency', async () => {
    const store = new MemoryUsageStore();
    store.appendSync([
      sampleRecord({ cost_decimal: '7.1', currency: 'CNY' }),
      sampleRecord({ cost_decimal: '1', currency: 'USD' }),
    ]);
    const [summary] = (await summarizeUsage(store, { group_by: 'none' })).map((group) =>
      group.toSummary(
        createCurrencyConverter({ displayCurrency: 'USD', exchangeRates: { CNY: 7.1 } }),
      ),
    );
    expect(summary).toMatchObject({ total_cost_decimal: '2', currency: 'USD' });
  });

  it('counts unpriced requests apart instead of adding 0 for them', async () => {
    const store = new MemoryUsageStore();
    store.appendSync([
      sampleRecord(),
      sampleRecord({
        cost: undefined,
        cost_decimal: undefined,
        currency: undefined,
        pricing_missing: true,
      }),
    ]);
    const [summary] = await summaries(store, { group_by: 'none' });
    expect(summary).toMatchObject({
      total_requests: 2,
      unpriced_requests: 1,
      total_cost_decimal: '0.00045',
    });
  });
});

// Property: whatever the filter, rollups plus edge scans give exactly what a naive pass over the records gives.
function randomRecords(count: number, random: () => number): UsageRecord[] {
  const models = [
    ['openai', 'gpt-4o'],
    ['openai', 'o3'],
    ['claude', 'claude-sonnet-4-5'],
  ] as const;
  return Array.from({ length: count }, (_, index) => {
    const [provider, model] = models[Math.floor(random() * models.length)]!;
    return sampleRecord({
      request_id: `r${index}`,
      provider_name: provider,
      model_name: model,
      timestamp: START + Math.floor(random() * 3 * 24 * HOUR),
      success: random() > 0.2,
      prompt_tokens: Math.floor(random() * 1000),
      cost_decimal: `0.${Math.floor(random() * 1e9)}`,
      tags:
        random() > 0.5
          ? { user: random() > 0.5 ? 'ada' : 'bob', team: random() > 0.5 ? 'x' : 'y' }
          : undefined,
    });
  });
}

/** A decimal with at most 9 fractional digits as a count of 10^-9. */
function toNanoUnits(text: string): bigint {
  const [whole, fraction = ''] = text.split('.');
  return BigInt(whole!) * 1_000_000_000n + BigInt(fraction.padEnd(9, '0'));
}

function naive(records: UsageRecord[], filter: UsageFilter) {
  const { start, end } = filter.time_range ?? {};
  const matching = records.filter(
    (record) =>
      (start === undefined || record.timestamp >= start) &&
      (end === undefined || record.timestamp < end) &&
      (filter.provider_name === undefined || record.provider_name === filter.provider_name) &&
      (filter.success === undefined || record.success === filter.success) &&
      Object.entries(filter.tags ?? {}).every(([key, value]) => record.tags?.[key] === value),
  );
  const units = matching.reduce((sum, record) => sum + toNanoUnits(record.cost_decimal!), 0n);
  return {
    requests: matching.length,
    prompt: matching.reduce((sum, record) => sum + record.prompt_tokens, 0),
    cost: units,
  };
}

describe.each([
  ['memory', () => new MemoryUsageStore()],
  ['jsonl', () => new JsonlUsageStore({ directory: temporaryDirectory('summaries-') })],
])('summaries over a %s store', (_name, createStore) => {
  it('equal a naive pass over the records for random ranges and filters', async () => {
    let seed = 7;
    const random = () => (seed = (seed * 16_807) % 2_147_483_647) / 2_147_483_647;
    const records = randomRecords(3_000, random);
    const store = createStore();
    await store.append(records);
    for (let trial = 0; trial < 40; trial++) {
      const start = random() > 0.2 ? START + Math.floor(random() * 2 * 24 * HOUR) : undefined;
      const end = random() > 0.2 ? (start ?? START) + Math.floor(random() * 30 * HOUR) : undefined;
      const filter: UsageFilter = {
        time_range: { start, end },
        group_by: 'none',
        ...(random() > 0.5 && { provider_name: 'openai' }),
        ...(random() > 0.6 && { success: true }),
        ...(random() > 0.5 && {
          tags: random() > 0.5 ? { user: 'ada' } : { user: 'bob', team: 'x' },
        }),
      };
      const [summary] = await summaries(store, filter);
      const expected = naive(records, filter);
      expect(summary?.total_requests ?? 0).toBe(expected.requests);
      expect(summary?.total_prompt_tokens ?? 0).toBe(expected.prompt);
      expect(toNanoUnits(summary?.total_cost_decimal ?? '0')).toBe(expected.cost);
    }
    await store.close();
  });
});
