import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { LLMError, type ModelPricing, type PricingTier } from '@llm/core';
import { CatalogIdIndex } from './resolve-catalog-id';

/** How a requested model id was resolved to a catalog id (see the README's fallback rules). */
export type CatalogMatchRule =
  /** The id itself, or `<provider>/<id>` for the given provider. */
  | 'exact'
  | 'provider_prefixed'
  /** `openai/gpt-4o` → `gpt-4o`: a known provider prefix removed. */
  | 'prefix_removed'
  | 'case_insensitive'
  /** `gpt-4o-2099-01-01` → `gpt-4o`: a dated id the catalog lacks priced as its undated alias. */
  | 'undated_alias'
  /** `claude-sonnet-4` → `claude-sonnet-4-20250514`: an alias priced as the newest dated snapshot. */
  | 'newest_snapshot'
  /** `model-latest` → `model`. */
  | 'latest_alias';

export type CatalogMode = 'chat' | 'completion' | 'embedding' | 'responses';

/** One model of the price catalog, prices per token in USD. */
export interface CatalogEntry {
  /** The catalog id that matched (may differ from the id asked for; see `matchedBy`). */
  readonly id: string;
  /** LiteLLM's provider name for the entry (`openai`, `anthropic`, `azure`, `vertex_ai-language-models`, …). */
  readonly provider?: string;
  readonly mode: CatalogMode;
  readonly pricing: ModelPricing;
  readonly maxInputTokens?: number;
  readonly maxOutputTokens?: number;
  /** `vision`, `function_calling`, `prompt_caching`, `reasoning`, … (LiteLLM's `supports_*` flags that are true). */
  readonly capabilities: readonly string[];
  readonly matchedBy: CatalogMatchRule;
}

export interface CatalogLookupOptions {
  /** The provider name or type the call goes to (`openai`, `azure`, `claude`, `bedrock`, `deepseek`, …). */
  provider?: string;
}

/** The built-in price catalog (generated at build time from LiteLLM's price list). */
export interface PriceCatalog {
  readonly size: number;
  lookup(model: string, options?: CatalogLookupOptions): CatalogEntry | undefined;
  /** Every catalog id (for listings and tests). */
  ids(): IterableIterator<string>;
}

/** One model as scripts/generate-price-catalog.mjs writes it: USD per token. */
interface CompactTier {
  above_tokens: number;
  input: number;
  output: number;
  cache_read?: number;
  cache_write?: number;
  reasoning?: number;
}
interface CompactEntry {
  provider?: string;
  mode: CatalogMode;
  input: number;
  output: number;
  cache_read?: number;
  cache_write?: number;
  cache_write_1h?: number;
  reasoning?: number;
  max_input_tokens?: number;
  max_output_tokens?: number;
  capabilities?: string;
  tiers?: CompactTier[];
}
interface CompactCatalog {
  version: number;
  source_sha256: string;
  models: Record<string, CompactEntry>;
}

function tierPricing(tier: CompactTier): PricingTier {
  return {
    above_tokens: tier.above_tokens,
    input_price: tier.input,
    output_price: tier.output,
    ...(tier.cache_read !== undefined && { cached_input_price: tier.cache_read }),
    ...(tier.cache_write !== undefined && { cache_write_price: tier.cache_write }),
    ...(tier.reasoning !== undefined && { reasoning_price: tier.reasoning }),
  };
}

function entryPricing(entry: CompactEntry): ModelPricing {
  return {
    currency: 'USD',
    unit: 'tokens',
    input_price: entry.input,
    output_price: entry.output,
    ...(entry.cache_read !== undefined && { cached_input_price: entry.cache_read }),
    ...(entry.cache_write !== undefined && { cache_write_price: entry.cache_write }),
    ...(entry.cache_write_1h !== undefined && { cache_write_1h_price: entry.cache_write_1h }),
    ...(entry.reasoning !== undefined && { reasoning_price: entry.reasoning }),
    ...(entry.tiers && { tiers: entry.tiers.map(tierPricing) }),
  };
}

/** Look-ups are remembered (calls repeat the same few models); the memory is bounded. */
const MAX_REMEMBERED_LOOKUPS = 10_000;

/** Builds a catalog from the compact JSON form (the generated one, or another in the same format). */
export function createPriceCatalog(json: string): PriceCatalog {
  const data = JSON.parse(json) as CompactCatalog;
  if (data.version !== 1)
    throw new LLMError({
      type: 'invalid_request',
      retryable: false,
      message: `Unsupported price catalog version ${String(data.version)} (this @llm/usage reads version 1)`,
    });
  const models = new Map(Object.entries(data.models));
  const index = new CatalogIdIndex(new Set(models.keys()));
  const built = new Map<string, Omit<CatalogEntry, 'matchedBy'>>();
  const resolved = new Map<string, CatalogEntry | undefined>();

  const entryFor = (id: string): Omit<CatalogEntry, 'matchedBy'> => {
    let entry = built.get(id);
    if (!entry) {
      const compact = models.get(id)!;
      entry = Object.freeze({
        id,
        provider: compact.provider,
        mode: compact.mode,
        pricing: Object.freeze(entryPricing(compact)),
        maxInputTokens: compact.max_input_tokens,
        maxOutputTokens: compact.max_output_tokens,
        capabilities: Object.freeze(compact.capabilities ? compact.capabilities.split(' ') : []),
      });
      built.set(id, entry);
    }
    return entry;
  };

  return {
    size: models.size,
    ids: () => models.keys(),
    lookup(model: string, options: CatalogLookupOptions = {}) {
      const key = `${options.provider ?? ''}\u0000${model}`;
      if (resolved.has(key)) return resolved.get(key);
      const match = index.resolve(model, options.provider);
      const entry = match
        ? Object.freeze({ ...entryFor(match.id), matchedBy: match.matchedBy })
        : undefined;
      if (resolved.size >= MAX_REMEMBERED_LOOKUPS) resolved.clear();
      resolved.set(key, entry);
      return entry;
    },
  };
}

/** The package's own catalog file, as its `exports` name it (the same from src/, dist/ ESM and CJS). */
export const PRICE_CATALOG_SPECIFIER = '@llm/usage/price-catalog.json';

/** Where the built-in catalog file is: resolved through the package's own name, so found wherever it is installed. */
export function builtInCatalogPath(): string {
  return createRequire(import.meta.url).resolve(PRICE_CATALOG_SPECIFIER);
}

/** Reads and parses a catalog file; a missing or unreadable one is a typed error naming it. */
export function readPriceCatalogFile(path: string): PriceCatalog {
  let json: string;
  try {
    json = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new LLMError({
      type: 'invalid_request',
      retryable: false,
      message: `The price catalog file ${path} cannot be read (${(cause as Error).message}); reinstall @llm/usage`,
      cause,
    });
  }
  return createPriceCatalog(json);
}

let cached: PriceCatalog | undefined;

/**
 * The built-in catalog: read and parsed on the first price lookup (never at import), then kept for
 * the life of the process.
 */
export function loadPriceCatalog(): PriceCatalog {
  cached ??= readPriceCatalogFile(builtInCatalogPath());
  return cached;
}

/** Whether the built-in catalog has been parsed yet (it is not until a price is needed). */
export function isPriceCatalogLoaded(): boolean {
  return cached !== undefined;
}
