import type { CatalogMatchRule } from './price-catalog';

/**
 * Catalog id prefixes to try for a provider name or type, most specific first. LiteLLM keys some
 * models by `<prefix>/<model>` (`azure/gpt-4o`, `gemini/gemini-2.5-pro`, `deepseek/deepseek-chat`)
 * and the first-party OpenAI and Anthropic models by the bare id.
 */
const PREFIXES_BY_PROVIDER: Readonly<Record<string, readonly string[]>> = {
  openai: ['openai'],
  azure: ['azure', 'azure_ai'],
  'azure-openai': ['azure', 'azure_ai'],
  azure_ai: ['azure_ai', 'azure'],
  claude: ['anthropic'],
  anthropic: ['anthropic'],
  bedrock: ['bedrock', 'bedrock_converse'],
  gemini: ['gemini'],
  google: ['gemini'],
  vertex: ['vertex_ai'],
  vertex_ai: ['vertex_ai'],
  deepseek: ['deepseek'],
  mistral: ['mistral'],
  xai: ['xai'],
  groq: ['groq'],
  together: ['together_ai'],
  together_ai: ['together_ai'],
  fireworks: ['fireworks_ai'],
  fireworks_ai: ['fireworks_ai'],
  openrouter: ['openrouter'],
  qwen: ['dashscope'],
  dashscope: ['dashscope'],
  moonshot: ['moonshot'],
  kimi: ['moonshot'],
  perplexity: ['perplexity'],
  cohere: ['cohere'],
  deepinfra: ['deepinfra'],
  ollama: ['ollama'],
  zhipu: ['zai'],
  zai: ['zai'],
  volcengine: ['volcengine'],
  doubao: ['volcengine'],
  minimax: ['minimax'],
};

/** Prefixes that name a provider when they lead a model id (`openai/gpt-4o`, `bedrock/anthropic.…`). */
const KNOWN_MODEL_PREFIXES: ReadonlySet<string> = new Set([
  ...Object.keys(PREFIXES_BY_PROVIDER),
  ...Object.values(PREFIXES_BY_PROVIDER).flat(),
]);

function catalogPrefixesFor(provider: string | undefined): readonly string[] {
  if (!provider) return [];
  const key = provider.trim().toLowerCase();
  return PREFIXES_BY_PROVIDER[key] ?? [key];
}

/** Whether the catalog keys models of this provider name or type under a prefix we know. */
export function isKnownCatalogProvider(provider: string): boolean {
  return Object.hasOwn(PREFIXES_BY_PROVIDER, provider.trim().toLowerCase());
}

/** A date stamp ending a model id: `-2024-08-06`, `-20250514` or Vertex's `@20250514`. */
const DATED_ID = /^(.+?)(?:-(\d{4})-(\d{2})-(\d{2})|-(\d{8})|@(\d{8}))$/;
const LATEST_SUFFIX = /-latest$/;

export interface ResolvedCatalogId {
  id: string;
  matchedBy: CatalogMatchRule;
}

/** The ids the catalog knows, indexed for the fallback rules. */
export class CatalogIdIndex {
  private lowerCase?: Map<string, string>;
  private snapshots?: Map<string, { id: string; date: string }>;

  constructor(private readonly ids: ReadonlySet<string>) {}

  /** Applies the documented rules in order; the first that yields a catalog id wins. */
  resolve(model: string, provider?: string): ResolvedCatalogId | undefined {
    const id = model.trim();
    const direct = this.direct(id, provider);
    if (direct) return direct;

    const dated = DATED_ID.exec(id);
    if (dated) {
      const undated = this.direct(dated[1]!, provider);
      if (undated) return { id: undated.id, matchedBy: 'undated_alias' };
    }
    const newest = this.newestSnapshot(id, provider);
    if (newest) return { id: newest, matchedBy: 'newest_snapshot' };
    if (LATEST_SUFFIX.test(id)) {
      const base =
        this.direct(id.replace(LATEST_SUFFIX, ''), provider) ??
        this.newestSnapshotResolved(id.replace(LATEST_SUFFIX, ''), provider);
      if (base) return { id: base.id, matchedBy: 'latest_alias' };
    }
    return undefined;
  }

  /** Exact id, provider-prefixed id, provider prefix removed, then the same case-insensitively. */
  private direct(id: string, provider?: string): ResolvedCatalogId | undefined {
    for (const candidate of this.directCandidates(id, provider)) {
      if (this.ids.has(candidate.id)) return candidate;
    }
    const lower = this.lowerCaseIndex();
    for (const candidate of this.directCandidates(id, provider)) {
      const found = lower.get(candidate.id.toLowerCase());
      if (found) return { id: found, matchedBy: 'case_insensitive' };
    }
    return undefined;
  }

  private directCandidates(id: string, provider?: string): ResolvedCatalogId[] {
    const candidates: ResolvedCatalogId[] = [];
    for (const prefix of catalogPrefixesFor(provider))
      candidates.push({ id: `${prefix}/${id}`, matchedBy: 'provider_prefixed' });
    candidates.push({ id, matchedBy: 'exact' });
    const slash = id.indexOf('/');
    if (slash > 0 && KNOWN_MODEL_PREFIXES.has(id.slice(0, slash).toLowerCase())) {
      const rest = id.slice(slash + 1);
      for (const prefix of catalogPrefixesFor(id.slice(0, slash)))
        candidates.push({ id: `${prefix}/${rest}`, matchedBy: 'provider_prefixed' });
      candidates.push({ id: rest, matchedBy: 'prefix_removed' });
    }
    return candidates;
  }

  private newestSnapshotResolved(id: string, provider?: string): ResolvedCatalogId | undefined {
    const newest = this.newestSnapshot(id, provider);
    return newest ? { id: newest, matchedBy: 'newest_snapshot' } : undefined;
  }

  /** The newest dated id whose undated form is one of the direct candidates of `id`. */
  private newestSnapshot(id: string, provider?: string): string | undefined {
    const snapshots = this.snapshotIndex();
    for (const candidate of this.directCandidates(id, provider)) {
      const found = snapshots.get(candidate.id) ?? snapshots.get(candidate.id.toLowerCase());
      if (found) return found.id;
    }
    return undefined;
  }

  private lowerCaseIndex(): Map<string, string> {
    if (!this.lowerCase) {
      this.lowerCase = new Map();
      for (const id of this.ids)
        if (!this.lowerCase.has(id.toLowerCase())) this.lowerCase.set(id.toLowerCase(), id);
    }
    return this.lowerCase;
  }

  private snapshotIndex(): Map<string, { id: string; date: string }> {
    if (!this.snapshots) {
      this.snapshots = new Map();
      for (const id of this.ids) {
        const match = DATED_ID.exec(id);
        if (!match) continue;
        const date = match[5] ?? match[6] ?? `${match[2]}${match[3]}${match[4]}`;
        for (const base of new Set([match[1]!, match[1]!.toLowerCase()])) {
          const current = this.snapshots.get(base);
          if (!current || current.date < date) this.snapshots.set(base, { id, date });
        }
      }
    }
    return this.snapshots;
  }
}
