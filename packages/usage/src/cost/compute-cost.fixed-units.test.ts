import type { ModelPricing, TokenUsage } from '@llm/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../money/decimal';
import {
  computeCost,
  computeFixedCost,
  fixedUnitsNumber,
  fixedUnitsText,
  perTokenPrices,
  type FixedCost,
} from './compute-cost';

/** The reference rule, in Decimal throughout: what the fixed-unit path must equal exactly. */
function referenceTotal(usage: TokenUsage, pricing: ModelPricing): Decimal {
  const perToken = (price: number) =>
    pricing.unit === 'million_tokens' ? Decimal.from(price).shift(-6) : Decimal.from(price);
  const cached = Math.min(usage.cached_tokens ?? 0, usage.prompt_tokens);
  const writes = Math.min(usage.cache_write_tokens ?? 0, usage.prompt_tokens - cached);
  const reasoning = Math.min(usage.reasoning_tokens ?? 0, usage.completion_tokens);
  const input = perToken(pricing.input_price);
  return input
    .times(usage.prompt_tokens - cached - writes)
    .plus(perToken(pricing.cached_input_price ?? pricing.input_price).times(cached))
    .plus(perToken(pricing.cache_write_price ?? pricing.input_price).times(writes))
    .plus(perToken(pricing.output_price).times(usage.completion_tokens - reasoning))
    .plus(perToken(pricing.reasoning_price ?? pricing.output_price).times(reasoning));
}

const price = fc.oneof(
  fc.integer({ min: 0, max: 100_000 }).map((units) => units / 1000),
  fc.constantFrom(0.075, 0.15, 2.5, 3.75, 5.46875e-7, 1.2e-7, 3e-7, 0.0000125, 15),
);
const pricingArbitrary = fc.record({
  currency: fc.constant('USD'),
  unit: fc.constantFrom('tokens' as const, 'million_tokens' as const),
  input_price: price,
  output_price: price,
  cached_input_price: fc.option(price, { nil: undefined }),
  cache_write_price: fc.option(price, { nil: undefined }),
  reasoning_price: fc.option(price, { nil: undefined }),
});
const count = fc.integer({ min: 0, max: 50_000_000 });
const usageArbitrary = fc
  .record({ prompt: count, completion: count, cached: count, writes: count, reasoning: count })
  .map(({ prompt, completion, cached, writes, reasoning }): TokenUsage => ({
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    cached_tokens: cached,
    cache_write_tokens: writes,
    reasoning_tokens: reasoning,
  }));

const totalOf = (fixed: FixedCost) => fixedUnitsText(fixed.total, fixed.scale);

describe('cost in fixed units', () => {
  it('equals the Decimal rule exactly for any whole token counts and prices', () => {
    fc.assert(
      fc.property(usageArbitrary, pricingArbitrary, (usage, pricing) => {
        const fixed = computeFixedCost(usage, pricing)!;
        const reference = referenceTotal(usage, pricing);
        expect(totalOf(fixed)).toBe(reference.toString());
        expect(fixedUnitsNumber(fixed.total, fixed.scale)).toBe(reference.toNumber());
        expect(computeCost(usage, pricing).total.toString()).toBe(reference.toString());
      }),
      { numRuns: 500 },
    );
  });

  it('switches to bigint units when a product would pass 2^53, and stays exact', () => {
    const pricing: ModelPricing = {
      currency: 'USD',
      unit: 'tokens',
      input_price: 5.46875e-7,
      output_price: 0.000075,
    };
    const usage = {
      prompt_tokens: 9_000_000_000_000,
      completion_tokens: 7,
      total_tokens: 9_000_000_000_007,
    };
    const fixed = computeFixedCost(usage, pricing)!;
    expect(typeof fixed.total).toBe('bigint');
    expect(totalOf(fixed)).toBe(referenceTotal(usage, pricing).toString());
  });

  it('uses bigint units when a price has more digits than a safe integer holds', () => {
    const pricing: ModelPricing = {
      currency: 'USD',
      unit: 'tokens',
      input_price: 15,
      output_price: 1.23456789012345e-12,
    };
    const usage = { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 };
    const fixed = computeFixedCost(usage, pricing)!;
    expect(typeof fixed.total).toBe('bigint');
    expect(totalOf(fixed)).toBe(referenceTotal(usage, pricing).toString());
  });

  it('lists the per-token prices with their fallbacks as exact decimal text', () => {
    expect(
      perTokenPrices({
        currency: 'USD',
        unit: 'million_tokens',
        input_price: 2.5,
        output_price: 10,
      }),
    ).toEqual({
      input: '0.0000025',
      cached_input: '0.0000025',
      cache_write: '0.0000025',
      cache_write_1h: '0.0000025',
      output: '0.00001',
      reasoning: '0.00001',
    });
  });

  it('bills fractional token counts through Decimal instead', () => {
    const pricing: ModelPricing = {
      currency: 'USD',
      unit: 'tokens',
      input_price: 0.5,
      output_price: 1,
    };
    const usage = { prompt_tokens: 1.5, completion_tokens: 0, total_tokens: 1.5 };
    expect(computeFixedCost(usage, pricing)).toBeUndefined();
    expect(computeCost(usage, pricing).total.toString()).toBe('0.75');
  });

  it('writes fixed units as plain decimal text without trailing zeros', () => {
    expect(fixedUnitsText(0, 7)).toBe('0');
    expect(fixedUnitsText(1200, 2)).toBe('12');
    expect(fixedUnitsText(125, 7)).toBe('0.0000125');
    expect(fixedUnitsText(123_450n, 3)).toBe('123.45');
    expect(fixedUnitsText(5, 0)).toBe('5');
    expect(fixedUnitsNumber(10n ** 30n, 25)).toBe(100_000);
  });
});
