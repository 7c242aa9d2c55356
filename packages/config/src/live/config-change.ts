import type { LLMConfig } from '../schema/config-schema';

/** JSON with object keys sorted, so equal configs compare equal whatever their key order. */
export function stableStringify(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item !== null && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(
          Object.entries(item as Record<string, unknown>).sort(([left], [right]) =>
            left < right ? -1 : left > right ? 1 : 0,
          ),
        )
      : item,
  );
}

/** What triggered a change: the config file (or its overrides/.env), the price file, the API, or reloadConfig(). */
export type ConfigChangeSource = 'file' | 'price_file' | 'api' | 'reload';

export interface ConfigChange {
  config: LLMConfig;
  previous: LLMConfig;
  /** Provider names. */
  added: string[];
  removed: string[];
  modified: string[];
  /** Keys of `[llm]` whose value changed (`providers`, `retry`, `prices`…), for consumers that rebuild selectively. */
  changedKeys: string[];
  source: ConfigChangeSource;
}

/** Which providers and top-level keys differ between two configs. */
export function diffConfigs(
  previous: LLMConfig,
  config: LLMConfig,
): Omit<ConfigChange, 'config' | 'previous' | 'source'> {
  const before = new Map(
    previous.providers.map((provider) => [provider.name, stableStringify(provider)]),
  );
  const after = new Map(
    config.providers.map((provider) => [provider.name, stableStringify(provider)]),
  );
  const keys = new Set([...Object.keys(previous), ...Object.keys(config)]) as Set<keyof LLMConfig>;
  return {
    added: [...after.keys()].filter((name) => !before.has(name)),
    removed: [...before.keys()].filter((name) => !after.has(name)),
    modified: [...after]
      .filter(([name, text]) => before.has(name) && before.get(name) !== text)
      .map(([name]) => name),
    changedKeys: [...keys]
      .filter((key) => stableStringify(previous[key]) !== stableStringify(config[key]))
      .sort(),
  };
}
