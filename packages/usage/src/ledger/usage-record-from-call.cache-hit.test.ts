import { describe, expect, it } from 'vitest';
import { UsageTotals } from './usage-rollups';
import { usageRecordFromCall } from './usage-record-from-call';
import { sampleRecord } from '../__tests__/sample-records';

const stored = {
  prompt_tokens: 100,
  completion_tokens: 20,
  total_tokens: 120,
  cost: 0.00045,
  currency: 'USD',
  cost_breakdown: {
    input: 0.00025,
    cached_input: 0,
    cache_write: 0,
    output: 0.0002,
    reasoning: 0,
    total: 0.00045,
    total_decimal: '0.00045',
    currency: 'USD',
  },
};

const call = {
  provider: 'openai',
  model: 'gpt-4o',
  requestId: 'r1',
  timestamp: 1,
  responseTime: 2,
  success: true,
  cacheHit: true,
};

describe('usageRecordFromCall of a cache hit', () => {
  it('records zero tokens at cost 0 and the stored answer as saved', () => {
    expect(usageRecordFromCall({ ...call, usage: stored })).toEqual({
      model_name: 'gpt-4o',
      provider_name: 'openai',
      timestamp: 1,
      request_id: 'r1',
      prompt_tokens: 0,
      completion_tokens: 0,
      total_tokens: 0,
      success: true,
      response_time: 2,
      cache_hit: true,
      saved_prompt_tokens: 100,
      saved_completion_tokens: 20,
      cost: 0,
      cost_decimal: '0',
      currency: 'USD',
      saved_cost: 0.00045,
      saved_cost_decimal: '0.00045',
    });
  });

  it('records no cost of its own when the stored answer names no currency, and a hit without usage plainly', () => {
    const unpriced = usageRecordFromCall({
      ...call,
      usage: {
        prompt_tokens: 5,
        completion_tokens: 1,
        total_tokens: 6,
        cost: 0.5,
        currency: undefined,
      },
    });
    expect(unpriced.cost).toBeUndefined();
    expect(unpriced.saved_cost_decimal).toBe('0.5');
    expect(usageRecordFromCall(call)).toMatchObject({ cache_hit: true, prompt_tokens: 0 });
  });
});

describe('UsageTotals of cache hits', () => {
  it('counts hits and their savings apart from the tokens and cost, and keeps them through JSON', () => {
    const totals = new UsageTotals();
    totals.addRecord(sampleRecord());
    totals.addRecord(usageRecordFromCall({ ...call, usage: stored }));
    totals.addRecord(usageRecordFromCall({ ...call, usage: stored }));
    expect(totals.promptTokens).toBe(100);
    expect(totals.cacheHits).toBe(2);
    expect(totals.savedTokens).toBe(240);
    expect(totals.savedCosts.get('USD')!.value().toString()).toBe('0.0009');

    const copy = new UsageTotals().loadJSON(totals.toJSON());
    expect(copy.cacheHits).toBe(2);
    expect(copy.savedTokens).toBe(240);
    expect(copy.savedCosts.get('USD')!.value().toString()).toBe('0.0009');
    const merged = new UsageTotals();
    merged.addTotals(copy);
    merged.addTotals(totals);
    expect(merged.cacheHits).toBe(4);
    expect(merged.savedCosts.get('USD')!.value().toString()).toBe('0.0018');

    // An index written before cache hits existed has none.
    const old = totals.toJSON().slice(0, 16) as ReturnType<UsageTotals['toJSON']>;
    expect(new UsageTotals().loadJSON(old).cacheHits).toBe(0);
  });
});
