import type { ModelPricing, PricingTier, TokenUsage } from '@llm/core';
import { Decimal, powerOfTen } from '../money/decimal';

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

/** The tier with the highest threshold the prompt exceeds (prices switch for the whole request). */
export function selectTier(pricing: ModelPricing, promptTokens: number): PricingTier | undefined {
  const tiers = pricing.tiers;
  if (tiers === undefined || tiers.length === 0) return undefined;
  let selected: PricingTier | undefined;
  for (const tier of tiers) {
    if (
      promptTokens > tier.above_tokens &&
      (!selected || tier.above_tokens > selected.above_tokens)
    )
      selected = tier;
  }
  return selected;
}

const PRICE_KINDS = [
  'input',
  'cachedInput',
  'cacheWrite',
  'cacheWriteOneHour',
  'output',
  'reasoning',
] as const;
type PriceKind = (typeof PRICE_KINDS)[number];

/**
 * Per-token prices in effect for one request, in fixed units: every price is an integer count of
 * 10^-scale currency units (one scale for all six), so a call's cost is integer multiplication.
 */
interface FixedPrices {
  readonly scale: number;
  /** Exact bigint units of each price. */
  readonly units: Readonly<Record<PriceKind, bigint>>;
  /** The same units as numbers, when every one of them is a safe integer (else undefined). */
  readonly numbers: Readonly<Record<PriceKind, number>> | undefined;
  /** The decimal prices, for `perTokenPrices`. */
  readonly decimals: Readonly<Record<PriceKind, Decimal>>;
}

/**
 * Fallbacks: a price the tier does not list keeps the base price of that kind; a cache-read or
 * cache-write price nobody lists is the input price; a reasoning price nobody lists is the output price.
 */
function fixedPrices(pricing: ModelPricing, tier: PricingTier | undefined): FixedPrices {
  const perToken = (price: number) =>
    (pricing.unit === 'million_tokens'
      ? Decimal.from(price).shift(-6)
      : Decimal.from(price)
    ).normalized();
  const input = tier?.input_price ?? pricing.input_price;
  const output = tier?.output_price ?? pricing.output_price;
  const cacheWrite = tier?.cache_write_price ?? pricing.cache_write_price ?? input;
  const decimals: Record<PriceKind, Decimal> = {
    input: perToken(input),
    cachedInput: perToken(tier?.cached_input_price ?? pricing.cached_input_price ?? input),
    cacheWrite: perToken(cacheWrite),
    cacheWriteOneHour: perToken(pricing.cache_write_1h_price ?? cacheWrite),
    output: perToken(output),
    reasoning: perToken(tier?.reasoning_price ?? pricing.reasoning_price ?? output),
  };
  const scale = Math.max(...PRICE_KINDS.map((kind) => decimals[kind].scale));
  const units = {} as Record<PriceKind, bigint>;
  let numbers: Record<PriceKind, number> | undefined = {} as Record<PriceKind, number>;
  for (const kind of PRICE_KINDS) {
    const price = decimals[kind];
    units[kind] = price.units * powerOfTen(scale - price.scale);
    const asNumber = Number(units[kind]);
    if (numbers && Number.isSafeInteger(asNumber)) numbers[kind] = asNumber;
    else numbers = undefined;
  }
  return { scale, units, numbers, decimals };
}

/**
 * Prices are compiled once per pricing table and tier, and reused by every call priced with them
 * (pricing tables are treated as immutable once used, as config snapshots and the catalog are).
 */
const compiled = new WeakMap<ModelPricing, Map<PricingTier | undefined, FixedPrices>>();

function pricesFor(pricing: ModelPricing, tier: PricingTier | undefined): FixedPrices {
  let byTier = compiled.get(pricing);
  if (!byTier) {
    byTier = new Map();
    compiled.set(pricing, byTier);
  }
  let prices = byTier.get(tier);
  if (!prices) {
    prices = fixedPrices(pricing, tier);
    byTier.set(tier, prices);
  }
  return prices;
}

/** The token counts one call bills, each once (see `computeCost`). */
interface BilledTokens {
  input: number;
  cachedInput: number;
  cacheWrite: number;
  cacheWriteOneHour: number;
  output: number;
  reasoning: number;
}

/** Fills `tokens` with what `usage` bills under `operation`; returns it. */
function billedTokensInto(
  usage: TokenUsage,
  operation: CostOperation,
  tokens: BilledTokens,
): BilledTokens {
  if (operation === 'embedding') {
    tokens.input = usage.prompt_tokens;
    tokens.cachedInput = 0;
    tokens.cacheWrite = 0;
    tokens.cacheWriteOneHour = 0;
    tokens.output = 0;
    tokens.reasoning = 0;
    return tokens;
  }
  const cachedTokens = Math.min(usage.cached_tokens ?? 0, usage.prompt_tokens);
  const cacheWriteTokens = Math.min(
    usage.cache_write_tokens ?? 0,
    usage.prompt_tokens - cachedTokens,
  );
  const oneHourWriteTokens = Math.min(usage.cache_write_1h_tokens ?? 0, cacheWriteTokens);
  const reasoningTokens = Math.min(usage.reasoning_tokens ?? 0, usage.completion_tokens);
  tokens.input = usage.prompt_tokens - cachedTokens - cacheWriteTokens;
  tokens.cachedInput = cachedTokens;
  tokens.cacheWrite = cacheWriteTokens - oneHourWriteTokens;
  tokens.cacheWriteOneHour = oneHourWriteTokens;
  tokens.output = usage.completion_tokens - reasoningTokens;
  tokens.reasoning = reasoningTokens;
  return tokens;
}

const newBilledTokens = (): BilledTokens => ({
  input: 0,
  cachedInput: 0,
  cacheWrite: 0,
  cacheWriteOneHour: 0,
  output: 0,
  reasoning: 0,
});

function billedTokens(usage: TokenUsage, operation: CostOperation): BilledTokens {
  return billedTokensInto(usage, operation, newBilledTokens());
}

/**
 * The fixed-unit path's token counts: one object reused by every call (the computation is
 * synchronous and reads the counts before it returns, so nothing else can see them).
 */
const scratchTokens = newBilledTokens();

/**
 * The cost of one call in fixed units (integer counts of 10^-scale): numbers while every product
 * and the sum stay safe integers (exact), bigints otherwise. Whole-token counts only; a fractional
 * count is billed through Decimal.
 */
export interface FixedCost {
  readonly scale: number;
  readonly input: number | bigint;
  readonly cached_input: number | bigint;
  readonly cache_write: number | bigint;
  readonly output: number | bigint;
  readonly reasoning: number | bigint;
  readonly total: number | bigint;
  readonly tier_above_tokens?: number;
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

function allWholeTokens(tokens: BilledTokens): boolean {
  return (
    Number.isSafeInteger(tokens.input) &&
    Number.isSafeInteger(tokens.cachedInput) &&
    Number.isSafeInteger(tokens.cacheWrite) &&
    Number.isSafeInteger(tokens.cacheWriteOneHour) &&
    Number.isSafeInteger(tokens.output) &&
    Number.isSafeInteger(tokens.reasoning)
  );
}

/** Exact cost in fixed units; undefined when a token count is not a whole number. */
export function computeFixedCost(
  usage: TokenUsage,
  pricing: ModelPricing,
  operation: CostOperation = 'chat',
): FixedCost | undefined {
  const tier = selectTier(pricing, usage.prompt_tokens);
  const prices = pricesFor(pricing, tier);
  const tokens = billedTokensInto(usage, operation, scratchTokens);
  if (!allWholeTokens(tokens)) return undefined;
  const tierAbove = tier?.above_tokens;
  const numbers = prices.numbers;
  if (numbers) {
    // A float product of two integers is exact whenever it is at most 2^53 - 1.
    const input = numbers.input * tokens.input;
    const cachedInput = numbers.cachedInput * tokens.cachedInput;
    const cacheWrite =
      numbers.cacheWrite * tokens.cacheWrite + numbers.cacheWriteOneHour * tokens.cacheWriteOneHour;
    const output = numbers.output * tokens.output;
    const reasoning = numbers.reasoning * tokens.reasoning;
    const total = input + cachedInput + cacheWrite + output + reasoning;
    if (total <= MAX_SAFE)
      return {
        scale: prices.scale,
        input,
        cached_input: cachedInput,
        cache_write: cacheWrite,
        output,
        reasoning,
        total,
        tier_above_tokens: tierAbove,
      };
  }
  const units = prices.units;
  const input = units.input * BigInt(tokens.input);
  const cachedInput = units.cachedInput * BigInt(tokens.cachedInput);
  const cacheWrite =
    units.cacheWrite * BigInt(tokens.cacheWrite) +
    units.cacheWriteOneHour * BigInt(tokens.cacheWriteOneHour);
  const output = units.output * BigInt(tokens.output);
  const reasoning = units.reasoning * BigInt(tokens.reasoning);
  return {
    scale: prices.scale,
    input,
    cached_input: cachedInput,
    cache_write: cacheWrite,
    output,
    reasoning,
    total: input + cachedInput + cacheWrite + output + reasoning,
    tier_above_tokens: tierAbove,
  };
}

/** Fixed units as plain decimal text without trailing zeros (`0.0000125`, `12`). */
export function fixedUnitsText(units: number | bigint, scale: number): string {
  const text = units.toString();
  // Trailing zeros of the fractional part are dropped with one slice (this runs on every call).
  let end = text.length;
  let places = scale;
  while (places > 0 && end > 1 && text.charCodeAt(end - 1) === 48) {
    end -= 1;
    places -= 1;
  }
  const digits = end === text.length ? text : text.slice(0, end);
  if (places === 0) return digits;
  if (digits === '0') return '0';
  const padded = digits.length > places ? digits : digits.padStart(places + 1, '0');
  return `${padded.slice(0, padded.length - places)}.${padded.slice(padded.length - places)}`;
}

/** The nearest JS number to fixed units (for display): one correctly rounded division when exact. */
export function fixedUnitsNumber(units: number | bigint, scale: number): number {
  if (typeof units === 'number' && scale <= 22) return units / 10 ** scale;
  return Number(fixedUnitsText(units, scale));
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
  const { decimals } = pricesFor(pricing, undefined);
  const text = (price: Decimal) => price.normalized().toString();
  return {
    input: text(decimals.input),
    cached_input: text(decimals.cachedInput),
    cache_write: text(decimals.cacheWrite),
    cache_write_1h: text(decimals.cacheWriteOneHour),
    output: text(decimals.output),
    reasoning: text(decimals.reasoning),
  };
}

/** Fractional token counts (never reported by a provider, but allowed by the type) in Decimal. */
function computeDecimalCost(
  usage: TokenUsage,
  pricing: ModelPricing,
  operation: CostOperation,
): ExactCostBreakdown {
  const tier = selectTier(pricing, usage.prompt_tokens);
  const { decimals } = pricesFor(pricing, tier);
  const tokens = billedTokens(usage, operation);
  const breakdown = {
    input: decimals.input.times(tokens.input),
    cached_input: decimals.cachedInput.times(tokens.cachedInput),
    cache_write: decimals.cacheWrite
      .times(tokens.cacheWrite)
      .plus(decimals.cacheWriteOneHour.times(tokens.cacheWriteOneHour)),
    output: decimals.output.times(tokens.output),
    reasoning: decimals.reasoning.times(tokens.reasoning),
  };
  const total = breakdown.input
    .plus(breakdown.cached_input)
    .plus(breakdown.cache_write)
    .plus(breakdown.output)
    .plus(breakdown.reasoning);
  return { ...breakdown, total, tier_above_tokens: tier?.above_tokens };
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
  const fixed = computeFixedCost(usage, pricing, operation);
  if (!fixed) return computeDecimalCost(usage, pricing, operation);
  const decimal = (units: number | bigint) => Decimal.of(BigInt(units), fixed.scale).normalized();
  return {
    input: decimal(fixed.input),
    cached_input: decimal(fixed.cached_input),
    cache_write: decimal(fixed.cache_write),
    output: decimal(fixed.output),
    reasoning: decimal(fixed.reasoning),
    total: decimal(fixed.total),
    tier_above_tokens: fixed.tier_above_tokens,
  };
}
