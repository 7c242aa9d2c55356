import { describe, expect, it } from 'vitest';
import type { ModelPricing } from '@llm/core';
import { computeCost, selectTier } from './compute-cost';

const perMillion: ModelPricing = {
  currency: 'USD',
  unit: 'million_tokens',
  input_price: 2.5,
  output_price: 10,
  cached_input_price: 1.25,
  cache_write_price: 3.75,
  reasoning_price: 12,
};
const text = (cost: ReturnType<typeof computeCost>) =>
  Object.fromEntries(Object.entries(cost).map(([key, value]) => [key, String(value)]));

const oneHourWrites = {
  prompt_tokens: 1_000,
  completion_tokens: 0,
  total_tokens: 1_000,
  cache_write_tokens: 1_000,
  cache_write_1h_tokens: 400,
};

describe('computeCost', () => {
  it('bills uncached prompt tokens at the input price and completion tokens at the output price', () => {
    const cost = computeCost(
      { prompt_tokens: 1_000_000, completion_tokens: 100_000, total_tokens: 1_100_000 },
      perMillion,
    );
    expect(text(cost)).toMatchObject({ input: '2.5', output: '1', total: '3.5' });
  });

  it('bills cached prompt tokens at the cache-read price and the rest at the input price', () => {
    const cost = computeCost(
      { prompt_tokens: 1_000, completion_tokens: 0, total_tokens: 1_000, cached_tokens: 400 },
      perMillion,
    );
    expect(text(cost)).toMatchObject({ input: '0.0015', cached_input: '0.0005', total: '0.002' });
  });

  it('bills cache-write tokens at the cache-write price, not as well at the input price', () => {
    const cost = computeCost(
      {
        prompt_tokens: 1_000,
        completion_tokens: 0,
        total_tokens: 1_000,
        cache_write_tokens: 1_000,
      },
      perMillion,
    );
    expect(text(cost)).toMatchObject({ input: '0', cache_write: '0.00375', total: '0.00375' });
  });

  it('bills 1-hour cache writes at the 1-hour price and the other writes at the 5-minute price', () => {
    const cost = computeCost(oneHourWrites, { ...perMillion, cache_write_1h_price: 5 });
    // 600 × 3.75 / 1M + 400 × 5 / 1M
    expect(text(cost)).toMatchObject({ input: '0', cache_write: '0.00425', total: '0.00425' });
  });

  it('bills 1-hour cache writes at the 5-minute price when no 1-hour price is known', () => {
    const cost = computeCost(oneHourWrites, perMillion);
    expect(text(cost)).toMatchObject({ cache_write: '0.00375' });
  });

  it('bills reasoning tokens once, at the reasoning price, out of completion_tokens', () => {
    const cost = computeCost(
      { prompt_tokens: 0, completion_tokens: 1_000, total_tokens: 1_000, reasoning_tokens: 600 },
      perMillion,
    );
    expect(text(cost)).toMatchObject({ output: '0.004', reasoning: '0.0072', total: '0.0112' });
  });

  it('falls back to the input price for cache prices and to the output price for reasoning when none is given', () => {
    const plain: ModelPricing = {
      currency: 'USD',
      unit: 'tokens',
      input_price: 0.001,
      output_price: 0.002,
    };
    const cost = computeCost(
      {
        prompt_tokens: 10,
        completion_tokens: 10,
        total_tokens: 20,
        cached_tokens: 3,
        cache_write_tokens: 2,
        reasoning_tokens: 4,
      },
      plain,
    );
    expect(text(cost)).toMatchObject({
      input: '0.005',
      cached_input: '0.003',
      cache_write: '0.002',
      output: '0.012',
      reasoning: '0.008',
      total: '0.03',
    });
  });

  it('switches the whole request to a tier once the prompt exceeds its threshold', () => {
    const tiered: ModelPricing = {
      ...perMillion,
      tiers: [{ above_tokens: 200_000, input_price: 5, output_price: 15, cached_input_price: 2.5 }],
    };
    expect(
      String(
        computeCost({ prompt_tokens: 200_000, completion_tokens: 0, total_tokens: 200_000 }, tiered)
          .total,
      ),
    ).toBe('0.5');
    const above = computeCost(
      { prompt_tokens: 200_001, completion_tokens: 1_000, total_tokens: 201_001, cached_tokens: 1 },
      tiered,
    );
    expect(text(above)).toMatchObject({
      input: '1',
      cached_input: '0.0000025',
      output: '0.015',
      tier_above_tokens: '200000',
    });
  });

  it('keeps the base price of a kind the tier does not list', () => {
    const tiered: ModelPricing = {
      ...perMillion,
      tiers: [{ above_tokens: 10, input_price: 5, output_price: 15 }],
    };
    const cost = computeCost(
      {
        prompt_tokens: 1_000_000,
        completion_tokens: 0,
        total_tokens: 1_000_000,
        cached_tokens: 1_000_000,
      },
      tiered,
    );
    expect(String(cost.cached_input)).toBe('1.25');
  });

  it('picks the highest tier the prompt exceeds', () => {
    const pricing: ModelPricing = {
      ...perMillion,
      tiers: [
        { above_tokens: 32_000, input_price: 3, output_price: 3 },
        { above_tokens: 128_000, input_price: 4, output_price: 4 },
      ],
    };
    expect(selectTier(pricing, 100_000)?.above_tokens).toBe(32_000);
    expect(selectTier(pricing, 130_000)?.above_tokens).toBe(128_000);
    expect(selectTier(pricing, 32_000)).toBeUndefined();
  });

  it('bills embeddings at the input price only', () => {
    const cost = computeCost(
      {
        prompt_tokens: 1_000_000,
        completion_tokens: 0,
        total_tokens: 1_000_000,
        cached_tokens: 500,
      },
      perMillion,
      'embedding',
    );
    expect(text(cost)).toMatchObject({ input: '2.5', cached_input: '0', total: '2.5' });
  });

  it('never bills more tokens than reported when the counts are inconsistent', () => {
    const cost = computeCost(
      {
        prompt_tokens: 100,
        completion_tokens: 10,
        total_tokens: 110,
        cached_tokens: 500,
        reasoning_tokens: 50,
      },
      { currency: 'USD', unit: 'tokens', input_price: 1, output_price: 1, cached_input_price: 0.5 },
    );
    expect(text(cost)).toMatchObject({
      input: '0',
      cached_input: '50',
      output: '0',
      reasoning: '10',
    });
  });
});
