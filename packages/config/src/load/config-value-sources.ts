// Where each configured value came from, for `llm config show --sources`: a file line, an
// environment variable (directly, or through a `${VAR}` reference in a file), or code.
import { buildConfig } from '../pipeline/build-config';
import { formatConfigPath, isTable, type ConfigPath } from '../issues/config-path';
import type { LayerKind, Origin } from '../pipeline/merged-tree';
import { planSources, readSources, type LoadConfigOptions } from './config-sources';

export interface ConfigValueSource {
  /** The dotted path, as `formatConfigPath` writes it (`llm.providers.openai.api_key`). */
  readonly path: string;
  readonly kind: LayerKind;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  /** The variable the value was read from: set directly, or named by a `${VAR}` reference. */
  readonly variables?: readonly string[];
  /** For people: `llm.toml:12:1 via $OPENAI_API_KEY`, `$LLM_DEFAULT_PROVIDER`, `code`. */
  readonly description: string;
}

const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-[^}]*)?\}/g;

/** Every leaf of a raw layer tree by its formatted path. */
function leaves(tree: unknown, path: ConfigPath = [], out = new Map<string, unknown>()) {
  if (isTable(tree))
    for (const [key, value] of Object.entries(tree)) leaves(value, [...path, key], out);
  else if (Array.isArray(tree))
    tree.forEach((value, index) => leaves(value, [...path, index], out));
  else if (path.length > 0) out.set(formatConfigPath(path), tree);
  return out;
}

function describe(origin: Origin, variables: readonly string[]): string {
  const via = variables.map((variable) => `$${variable}`).join(', ');
  if (origin.kind === 'environment') return origin.variable ? `$${origin.variable}` : 'environment';
  const where =
    origin.file !== undefined
      ? `${origin.file}${origin.position ? `:${origin.position.line}:${origin.position.column}` : ''}`
      : origin.kind;
  return via ? `${where} via ${via}` : where;
}

/**
 * The origin of every value the sources set, sorted by path; values not listed are the schema's
 * defaults. Reads the same sources as `loadConfig`, and reports nothing for an invalid config.
 */
export function describeConfigSources(options: LoadConfigOptions = {}): ConfigValueSource[] {
  const plan = planSources(options);
  const sources = readSources(plan, options);
  const raw: Partial<Record<LayerKind, Map<string, unknown>>> = {
    file: leaves(sources.file?.data ?? {}),
    overrides: leaves(sources.overrides?.data ?? {}),
    code: leaves(
      sources.code && !('llm' in sources.code) ? { llm: sources.code } : (sources.code ?? {}),
    ),
  };
  const { origins } = buildConfig(sources);
  const entries: ConfigValueSource[] = [];
  for (const [path, origin] of origins) {
    const value = raw[origin.kind]?.get(path);
    if (origin.kind !== 'environment' && value === undefined) continue;
    const variables =
      origin.kind === 'environment'
        ? origin.variable
          ? [origin.variable]
          : []
        : typeof value === 'string'
          ? [...value.matchAll(REFERENCE)].map((match) => match[1]!)
          : [];
    entries.push({
      path,
      kind: origin.kind,
      ...(origin.file !== undefined ? { file: origin.file } : {}),
      ...(origin.position ? { line: origin.position.line, column: origin.position.column } : {}),
      ...(variables.length > 0 ? { variables } : {}),
      description: describe(origin, variables),
    });
  }
  return entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
