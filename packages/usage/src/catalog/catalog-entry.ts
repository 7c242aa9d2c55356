import type { ModelPricing } from '@llm/core';

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
