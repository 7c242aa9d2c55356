import {
  estimateMessageTokens,
  estimateTextTokens,
  omitKeys,
  silentLogger,
  type EmbeddingRequest,
  type LLMRequest,
  type Logger,
  type ModelPricing,
  type TokenUsage,
} from '@llm/core';
import { loadPriceCatalog, type PriceCatalog } from '../catalog/price-catalog';
import { createCurrencyConverter, type CurrencyConverter } from '../money/currency-converter';
import {
  computeCost,
  computeFixedCost,
  fixedUnitsNumber,
  fixedUnitsText,
  type CostOperation,
} from './compute-cost';
import { resolvePrice, type PricingTarget, type ResolvedPricing } from './resolve-price';

export interface CostCalculatorOptions {
  /** The built-in catalog by default; `false` prices only from the configuration the target carries. */
  catalog?: PriceCatalog | false;
  displayCurrency?: string;
  exchangeRates?: Readonly<Record<string, number>>;
  logger?: Logger;
}

export interface PricingMissingStats {
  /** Calls priced without a known price (cost left undefined). */
  readonly count: number;
  /** `provider/model` of each model that had no price. */
  readonly models: readonly string[];
}

export interface CostCalculator {
  /** A copy of `usage` with `cost`, `currency` and `cost_breakdown`, or `pricing_missing: true` and no cost. */
  priceUsage(usage: TokenUsage, target: PricingTarget): TokenUsage;
  /** The prices that apply to `target` and where they come from (see `resolvePrice`). */
  resolvePricing(target: PricingTarget): ResolvedPricing | undefined;
  getPricingMissing(): PricingMissingStats;
  readonly currency: CurrencyConverter;
}

type CostBreakdown = NonNullable<TokenUsage['cost_breakdown']>;

/**
 * A call's cost as the usage carries it: numbers for display, the exact total as decimal text.
 * Fixed-unit integers on the hot path, written straight into the breakdown; Decimal only for
 * fractional token counts.
 */
function costOfCall(
  usage: TokenUsage,
  pricing: ModelPricing,
  operation: CostOperation,
  priceSource: string,
): CostBreakdown {
  const currency = pricing.currency;
  const fixed = computeFixedCost(usage, pricing, operation);
  if (!fixed) {
    const exact = computeCost(usage, pricing, operation);
    return {
      input: exact.input.toNumber(),
      cached_input: exact.cached_input.toNumber(),
      cache_write: exact.cache_write.toNumber(),
      output: exact.output.toNumber(),
      reasoning: exact.reasoning.toNumber(),
      total: exact.total.toNumber(),
      total_decimal: exact.total.toString(),
      currency,
      price_source: priceSource,
    };
  }
  const { scale } = fixed;
  return {
    input: fixedUnitsNumber(fixed.input, scale),
    cached_input: fixedUnitsNumber(fixed.cached_input, scale),
    cache_write: fixedUnitsNumber(fixed.cache_write, scale),
    output: fixedUnitsNumber(fixed.output, scale),
    reasoning: fixedUnitsNumber(fixed.reasoning, scale),
    total: fixedUnitsNumber(fixed.total, scale),
    total_decimal: fixedUnitsText(fixed.total, scale),
    currency,
    price_source: priceSource,
  };
}

/** The fields a price sets; a priced usage never keeps an earlier pricing's. */
const PRICED_FIELDS: ReadonlySet<string> = new Set([
  'cost',
  'currency',
  'cost_breakdown',
  'pricing_missing',
]);

/** A copy of `usage` without its pricing (this runs on every priced call). */
function countsOf(usage: TokenUsage): TokenUsage {
  return omitKeys(usage, PRICED_FIELDS) as TokenUsage;
}

export function createCostCalculator(options: CostCalculatorOptions = {}): CostCalculator {
  const logger = options.logger ?? silentLogger;
  const catalog = (): PriceCatalog | undefined =>
    options.catalog === false ? undefined : (options.catalog ?? loadPriceCatalog());
  const missingModels = new Set<string>();
  let missingCount = 0;

  // A target object is resolved once: the manager keeps one per deployment and configuration, so
  // the price precedence runs once per deployment per reload, not once per call. Targets are read,
  // never changed, by everything that prices.
  const resolved = new WeakMap<PricingTarget, ResolvedPricing | null>();
  const resolvePricing = (target: PricingTarget): ResolvedPricing | undefined => {
    const known = resolved.get(target);
    if (known !== undefined) return known ?? undefined;
    const found = resolvePrice(target, catalog);
    resolved.set(target, found ?? null);
    return found;
  };

  const reportMissing = (target: PricingTarget) => {
    missingCount += 1;
    const key = `${target.provider}/${target.model}`;
    if (missingModels.has(key)) return;
    missingModels.add(key);
    logger.warn(
      `No price known for model "${target.model}" of provider "${target.provider}": its cost is recorded as unknown ` +
        `(pricing_missing), not as 0. Add [llm.providers.${target.provider}.models."${target.model}".pricing] or a price file entry.`,
      { provider: target.provider, model: target.model },
    );
  };

  return {
    currency: createCurrencyConverter(options),
    resolvePricing,
    priceUsage(usage, target) {
      const counts = countsOf(usage);
      const price = resolvePricing(target);
      if (!price) {
        reportMissing(target);
        counts.pricing_missing = true;
        return counts;
      }
      const breakdown = costOfCall(usage, price.pricing, target.operation ?? 'chat', price.source);
      counts.cost = breakdown.total;
      counts.currency = breakdown.currency;
      counts.cost_breakdown = breakdown;
      return counts;
    },
    getPricingMissing: () => ({ count: missingCount, models: [...missingModels] }),
  };
}

/**
 * The usage and cost of a chat request before it is sent (for budgets and context-window checks):
 * prompt tokens from core's estimator (tiktoken for OpenAI models, the documented approximation
 * otherwise), completion tokens at the request's `max_tokens` (0 when it sets none). Always flagged
 * `estimated`.
 */
export function estimateCallCost(
  calculator: CostCalculator,
  request: Pick<LLMRequest, 'messages' | 'tools' | 'max_tokens'>,
  target: PricingTarget,
): TokenUsage {
  const prompt = estimateMessageTokens(request.messages, {
    model: target.model,
    tools: request.tools,
  });
  const completion = request.max_tokens ?? 0;
  const usage: TokenUsage = {
    prompt_tokens: prompt.tokens,
    completion_tokens: completion,
    total_tokens: prompt.tokens + completion,
    estimated: true,
  };
  return calculator.priceUsage(usage, target);
}

/** A request as a budget reservation reads it: a chat request, or an embeddings request's input. */
export type ReservableRequest =
  Pick<LLMRequest, 'messages' | 'tools' | 'max_tokens'> | Pick<EmbeddingRequest, 'input'>;

/**
 * The most a call can cost, for the reservation a block budget holds while it runs: the prompt
 * estimated by core's estimator, plus as output the request's `max_tokens`, else the model's
 * configured `max_tokens` (or `default_max_tokens`), else the catalog's output limit for the model
 * (an embeddings call has no output). Priced as `resolvePrice` prices the call; `pricing_missing`
 * when no price is known. Flagged `estimated`.
 */
export function estimateMaximumCallCost(
  calculator: CostCalculator,
  request: ReservableRequest,
  target: PricingTarget,
): TokenUsage {
  if ('input' in request) {
    const inputs = typeof request.input === 'string' ? [request.input] : request.input;
    const prompt = inputs.reduce(
      (sum, text) => sum + estimateTextTokens(text, target.model).tokens,
      0,
    );
    return calculator.priceUsage(
      { prompt_tokens: prompt, completion_tokens: 0, total_tokens: prompt, estimated: true },
      { ...target, operation: 'embedding' },
    );
  }
  const prompt = estimateMessageTokens(request.messages, {
    model: target.model,
    tools: request.tools,
  }).tokens;
  const completion = request.max_tokens ?? outputLimit(calculator, target) ?? 0;
  return calculator.priceUsage(
    {
      prompt_tokens: prompt,
      completion_tokens: completion,
      total_tokens: prompt + completion,
      estimated: true,
    },
    target,
  );
}

/** The output limit of the model a target names: its configuration, else the catalog's. */
function outputLimit(calculator: CostCalculator, target: PricingTarget): number | undefined {
  // The model the request names: exact name first, then model_id (as findModelConfig of core).
  const models = target.models ?? [];
  const configured =
    models.find((model) => model.name === target.model) ??
    models.find((model) => model.model_id === target.model);
  if (configured?.max_tokens !== undefined) return configured.max_tokens;
  // The catalog entry the price lookup finds, whatever priced the call (config prices included).
  const catalogOnly: PricingTarget = {
    provider: target.provider,
    providerType: target.providerType,
    preset: target.preset,
    model: configured?.model_id ?? target.model,
  };
  return calculator.resolvePricing(catalogOnly)?.catalogEntry?.maxOutputTokens;
}
