import type { LLMModelConfig, LLMProviderConfig, ModelPricing } from '@llm/core';
import type { CatalogEntry, PriceCatalog } from '../catalog/price-catalog';
import { isKnownCatalogProvider } from '../catalog/resolve-catalog-id';
import type { CostOperation } from './compute-cost';

/** Where a call's prices came from: `config` (a model's `pricing` table or `[llm.prices]`), `price_file` or `catalog`. */
export type PriceSource = 'config' | 'price_file' | 'catalog';

/** Price lists keyed `provider/model` or `model`, as the configuration holds them. */
export interface ConfiguredPrices {
  /** Entries of the `price_file`; for the same key they win over `inline`. */
  priceFile?: Readonly<Record<string, ModelPricing>>;
  /** Entries of `[llm.prices]`. */
  inline?: Readonly<Record<string, ModelPricing>>;
}

/** What a call is priced as. */
export interface PricingTarget {
  /** The configured provider name. */
  provider: string;
  /** The provider type (`openai`, `azure`, `claude`, `generic`, …), a catalog hint. */
  providerType?: string;
  /** A generic provider's preset (`qwen`, `groq`, `moonshot`, …), a catalog hint. */
  preset?: string;
  /** The model as the request names it (a configured name or a `model_id`). */
  model: string;
  /** The provider's configured models: the one `model` names gives its `pricing` table and `model_id`. */
  models?: readonly LLMModelConfig[];
  /** The configured price lists. */
  prices?: ConfiguredPrices;
  /** Prices the caller fixed itself; they win over everything else. */
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

/** The configuration slice that holds price lists (`LLMConfig` of @llm/config has this shape). */
export interface PriceSettings {
  /** `[llm.prices]`. */
  prices?: Readonly<Record<string, ModelPricing>>;
  /** The entries of the loaded `price_file`. */
  price_file_prices?: Readonly<Record<string, ModelPricing>>;
}

/** A configured provider (`LLMProviderConfig`), or only a name when the provider is not configured. */
export type PricedProvider = Pick<LLMProviderConfig, 'name'> &
  Partial<Pick<LLMProviderConfig, 'type' | 'preset' | 'models'>>;

/**
 * The target of a call to `model` on a configured provider: what the manager prices a call as and
 * what `llm prices` shows, built the same way for both.
 */
export function pricingTargetFor(
  provider: PricedProvider,
  model: string,
  settings: PriceSettings = {},
): PricingTarget {
  return {
    provider: provider.name,
    ...(provider.type !== undefined ? { providerType: provider.type } : {}),
    ...(provider.preset !== undefined ? { preset: provider.preset } : {}),
    model,
    ...(provider.models ? { models: provider.models } : {}),
    prices: {
      ...(settings.price_file_prices ? { priceFile: settings.price_file_prices } : {}),
      ...(settings.prices ? { inline: settings.prices } : {}),
    },
  };
}

/** The configured model a request names: exact name first, then `model_id`. */
function configuredModel(target: PricingTarget): LLMModelConfig | undefined {
  const models = target.models ?? [];
  return (
    models.find((candidate) => candidate.name === target.model) ??
    models.find((candidate) => candidate.model_id === target.model)
  );
}

function unique(values: readonly (string | undefined)[]): string[] {
  return [...new Set(values.filter((value): value is string => Boolean(value)))];
}

function fromPriceLists(
  target: PricingTarget,
  names: readonly string[],
): ResolvedPricing | undefined {
  const { priceFile, inline } = target.prices ?? {};
  if (!priceFile && !inline) return undefined;
  const keys = [...names.map((name) => `${target.provider}/${name}`), ...names];
  for (const key of keys) {
    const fromFile = priceFile?.[key];
    if (fromFile) return { pricing: fromFile, source: 'price_file' };
    const fromInline = inline?.[key];
    if (fromInline) return { pricing: fromInline, source: 'config' };
  }
  return undefined;
}

function fromCatalog(
  target: PricingTarget,
  ids: readonly string[],
  catalog: PriceCatalog,
): ResolvedPricing | undefined {
  const hints = unique([target.provider, target.preset, target.providerType]);
  // A hint the catalog knows (`qwen` → `dashscope/…`) is tried before a free-form provider name
  // (`azure-east`), whose look-up would fall back to the bare id and miss the provider's own entry.
  const ordered = [
    ...hints.filter(isKnownCatalogProvider),
    ...hints.filter((hint) => !isKnownCatalogProvider(hint)),
  ];
  for (const id of ids) {
    for (const provider of ordered.length > 0 ? ordered : [undefined]) {
      const entry = catalog.lookup(id, { provider });
      if (entry) return { pricing: entry.pricing, source: 'catalog', catalogEntry: entry };
    }
  }
  return undefined;
}

/**
 * The prices of a call and where they come from: the one place price precedence is decided.
 *
 * 1. Price-file and inline `[llm.prices]` entries, keyed `provider/model` before `model` (the model
 *    as requested, its configured name and its `model_id`); for the same key the price file wins.
 *    They replace the model's `pricing` table.
 * 2. The configured model's `pricing` table.
 * 3. The catalog, looked up by the model's `model_id`, then the model as requested, with the provider
 *    name, the preset and the provider type as hints.
 *
 * Undefined when nothing prices the model (the call is recorded `pricing_missing`). The catalog may
 * be given as a function, called only when the configuration does not price the model (parsing the
 * built-in catalog is deferred until a price is needed from it).
 */
export function resolvePrice(
  target: PricingTarget,
  catalog: PriceCatalog | (() => PriceCatalog | undefined) | undefined,
): ResolvedPricing | undefined {
  if (target.pricing) return { pricing: target.pricing, source: target.pricingSource ?? 'config' };
  const model = configuredModel(target);
  const listed = fromPriceLists(target, unique([target.model, model?.name, model?.model_id]));
  if (listed) return listed;
  if (model?.pricing) return { pricing: model.pricing, source: 'config' };
  const loaded = typeof catalog === 'function' ? catalog() : catalog;
  if (!loaded) return undefined;
  return fromCatalog(target, unique([model?.model_id, target.model, model?.name]), loaded);
}
