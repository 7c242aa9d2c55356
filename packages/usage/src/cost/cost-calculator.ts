import { silentLogger, type Logger, type ModelPricing, type TokenUsage } from '@llm/core';
import type { CatalogEntry, PriceCatalog } from '../catalog/catalog-entry';
import { loadPriceCatalog } from '../catalog/load-price-catalog';
import { createCurrencyConverter, type CurrencyConverter } from '../money/currency-converter';
import { computeCost, type CostOperation } from './compute-cost';

export type PriceSource = 'config' | 'price_file' | 'catalog';

/** What a call is priced as. */
export interface PricingTarget {
  /** The configured provider name. */
  provider: string;
  /** The provider type (`openai`, `azure`, `claude`, …), used for catalog look-ups. */
  providerType?: string;
  model: string;
  /** Prices the caller resolved itself (the model's config, or a price file @llm/config loaded); they override the catalog. */
  pricing?: ModelPricing;
  /** Where `pricing` came from, for the cost breakdown (default `config`). */
  pricingSource?: PriceSource;
  operation?: CostOperation;
}

export interface ResolvedPricing {
  pricing: ModelPricing;
  source: PriceSource;
  /** The catalog entry, when the prices came from the catalog. */
  catalogEntry?: CatalogEntry;
}

export interface CostCalculatorOptions {
  /** The built-in catalog by default; `false` prices only what the caller passes as `target.pricing`. */
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
  /** The prices that apply to `target` and where they come from (`target.pricing`, else the catalog). */
  resolvePricing(target: PricingTarget): ResolvedPricing | undefined;
  getPricingMissing(): PricingMissingStats;
  readonly currency: CurrencyConverter;
}

export function createCostCalculator(options: CostCalculatorOptions = {}): CostCalculator {
  const logger = options.logger ?? silentLogger;
  const catalog = (): PriceCatalog | undefined =>
    options.catalog === false ? undefined : (options.catalog ?? loadPriceCatalog());
  const missingModels = new Set<string>();
  let missingCount = 0;

  const resolvePricing = (target: PricingTarget): ResolvedPricing | undefined => {
    if (target.pricing)
      return { pricing: target.pricing, source: target.pricingSource ?? 'config' };
    const entry = catalog()?.lookup(target.model, {
      provider: target.providerType ?? target.provider,
    });
    return entry ? { pricing: entry.pricing, source: 'catalog', catalogEntry: entry } : undefined;
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
      const {
        cost: _cost,
        currency: _currency,
        cost_breakdown: _breakdown,
        pricing_missing: _missing,
        ...counts
      } = usage;
      const resolved = resolvePricing(target);
      if (!resolved) {
        reportMissing(target);
        return { ...counts, pricing_missing: true };
      }
      const exact = computeCost(usage, resolved.pricing, target.operation ?? 'chat');
      const currency = resolved.pricing.currency;
      return {
        ...counts,
        cost: exact.total.toNumber(),
        currency,
        cost_breakdown: {
          input: exact.input.toNumber(),
          cached_input: exact.cached_input.toNumber(),
          cache_write: exact.cache_write.toNumber(),
          output: exact.output.toNumber(),
          reasoning: exact.reasoning.toNumber(),
          total: exact.total.toNumber(),
          total_decimal: exact.total.toString(),
          currency,
          price_source: resolved.source,
        },
      };
    },
    getPricingMissing: () => ({ count: missingCount, models: [...missingModels] }),
  };
}
