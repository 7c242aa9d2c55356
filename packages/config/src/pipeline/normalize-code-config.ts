import { isTable, type ConfigPath, type IssueDraft } from '../issues/config-path';

/** Turns `[{ name: 'a', … }]` into `{ a: { … } }`; entries without a name or with a repeated one are issues. */
function keyByName(value: unknown, path: ConfigPath, drafts: IssueDraft[]): unknown {
  if (!Array.isArray(value)) return value;
  const table: Record<string, unknown> = {};
  value.forEach((entry, index) => {
    const name = isTable(entry) ? entry.name : undefined;
    if (typeof name !== 'string' || name === '')
      return void drafts.push({
        path: [...path, index, 'name'],
        message: 'is required (a string)',
      });
    if (name in table)
      return void drafts.push({
        path: [...path, index, 'name'],
        message: `"${name}" appears twice`,
      });
    const { name: _name, ...rest } = entry as Record<string, unknown>;
    table[name] = rest;
  });
  return table;
}

/**
 * The object passed in code may be the whole file shape (`{ llm: { … } }`) or just the `[llm]` table,
 * and may give providers, their models and the logical models in the runtime shape (arrays with `name`); this returns the file shape.
 */
export function normalizeCodeConfig(config: Record<string, unknown>): {
  data: Record<string, unknown>;
  drafts: IssueDraft[];
} {
  const drafts: IssueDraft[] = [];
  const llm = 'llm' in config ? config.llm : config;
  if (!isTable(llm)) return { data: { ...config }, drafts };
  const providersPath = ['llm', 'providers'];
  const providers = keyByName(llm.providers, providersPath, drafts);
  if (isTable(providers)) {
    for (const [name, provider] of Object.entries(providers)) {
      if (isTable(provider) && Array.isArray(provider.models)) {
        providers[name] = {
          ...provider,
          models: keyByName(provider.models, [...providersPath, name, 'models'], drafts),
        };
      }
    }
  }
  const table: Record<string, unknown> =
    providers === undefined ? { ...llm } : { ...llm, providers };
  if (Array.isArray(llm.models)) table.models = keyByName(llm.models, ['llm', 'models'], drafts);
  return { data: { ...('llm' in config ? config : {}), llm: table }, drafts };
}
