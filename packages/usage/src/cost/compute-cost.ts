import type { ModelPricing, PricingTier, TokenUsage } from '@llm/core';
import { Decimal } from '../money/decimal';

export type CostOperation = 'chat' | 'embedding';

/** Cost of one call by what was billed, exact, in the pricing's currency. */
export interface ExactCostBreakdown {
  input: Decimal;
  cached_input: Decimal;
  cache_write: Decimal;
  output: Decimal;
  reasoning: Decimal;
  total: Decimal;
  /** The long-context tier applied, if the prompt exceeded one. */
  tier_above_tokens?: number;
}

/** Per-token prices in effect for one request. */
interface EffectivePrices {
  input: Decimal;
  cachedInput: Decimal;
  cacheWrite: Decimal;
  cacheWriteOneHour: Decimal;
  output: Decimal;
  reasoning: Decimal;
}

/** The tier with the highest threshold the prompt exceeds (prices switch for the whole request). */
export function selectTier(pricing: ModelPricing, promptTokens: number): PricingTier | undefined {
  let selected: PricingTier | undefined;
  for (const tier of pricing.tiers ?? []) {
    if (
      promptTokens > tier.above_tokens &&
      (!selected || tier.above_tokens > selected.above_tokens)
    )
      selected = tier;
  }
  return selected;
}

/**
 * Fallbacks: a price the tier does not list keeps the base price of that kind; a cache-read or
 * cache-write price nobody lists is the input price; a reasoning price nobody lists is the output price.
 */
function effectivePrices(pricing: ModelPricing, tier: PricingTier | undefined): EffectivePrices {
  const perToken = (price: number) =>
    pricing.unit === 'million_tokens' ? Decimal.from(price).shift(-6) : Decimal.from(price);
  const input = tier?.input_price ?? pricing.input_price;
  const output = tier?.output_price ?? pricing.output_price;
  const cacheWrite = tier?.cache_write_price ?? pricing.cache_write_price ?? input;
  return {
    input: perToken(input),
    cachedInput: perToken(tier?.cached_input_price ?? pricing.cached_input_price ?? input),
    cacheWrite: perToken(cacheWrite),
    cacheWriteOneHour: perToken(pricing.cache_write_1h_price ?? cacheWrite),
    output: perToken(output),
    reasoning: perToken(tier?.reasoning_price ?? pricing.reasoning_price ?? output),
  };
}

/** Per-token prices of a pricing table as exact decimal strings, fallbacks applied (below any tier). */
export interface PerTokenPrices {
  input: string;
  cached_input: string;
  cache_write: string;
  cache_write_1h: string;
  output: string;
  reasoning: string;
}

/** What one token of each kind costs under `pricing` (the prices `computeCost` bills below any tier). */
export function perTokenPrices(pricing: ModelPricing): PerTokenPrices {
  const prices = effectivePrices(pricing, undefined);
  const text = (price: Decimal) => price.normalized().toString();
  return {
    input: text(prices.input),
    cached_input: text(prices.cachedInput),
    cache_write: text(prices.cacheWrite),
    cache_write_1h: text(prices.cacheWriteOneHour),
    output: text(prices.output),
    reasoning: text(prices.reasoning),
  };
}

/**
 * Exact cost of `usage` under `pricing` (core's TokenUsage convention: prompt_tokens include cached
 * and cache-write tokens, completion_tokens include reasoning tokens, so nothing is billed twice).
 * Cache writes are billed at the 5-minute price, except `cache_write_1h_tokens` at the 1-hour price
 * (falling back to the 5-minute one when no 1-hour price is known).
 */
export function computeCost(
  usage: TokenUsage,
  pricing: ModelPricing,
  operation: CostOperation = 'chat',
): ExactCostBreakdown {
  const tier = selectTier(pricing, usage.prompt_tokens);
  const prices = effectivePrices(pricing, tier);
  if (operation === 'embedding') {
    const input = prices.input.times(usage.prompt_tokens);
    return {
      input,
      cached_input: Decimal.ZERO,
      cache_write: Decimal.ZERO,
      output: Decimal.ZERO,
      reasoning: Decimal.ZERO,
      total: input,
      tier_above_tokens: tier?.above_tokens,
    };
  }
  const cachedTokens = Math.min(usage.cached_tokens ?? 0, usage.prompt_tokens);
  const cacheWriteTokens = Math.min(
    usage.cache_write_tokens ?? 0,
    usage.prompt_tokens - cachedTokens,
  );
  const oneHourWriteTokens = Math.min(usage.cache_write_1h_tokens ?? 0, cacheWriteTokens);
  const reasoningTokens = Math.min(usage.reasoning_tokens ?? 0, usage.completion_tokens);
  const breakdown = {
    input: prices.input.times(usage.prompt_tokens - cachedTokens - cacheWriteTokens),
    cached_input: prices.cachedInput.times(cachedTokens),
    cache_write: prices.cacheWrite
      .times(cacheWriteTokens - oneHourWriteTokens)
      .plus(prices.cacheWriteOneHour.times(oneHourWriteTokens)),
    output: prices.output.times(usage.completion_tokens - reasoningTokens),
    reasoning: prices.reasoning.times(reasoningTokens),
  };
  const total = breakdown.input
    .plus(breakdown.cached_input)
    .plus(breakdown.cache_write)
    .plus(breakdown.output)
    .plus(breakdown.reasoning);
  return { ...breakdown, total, tier_above_tokens: tier?.above_tokens };
}
