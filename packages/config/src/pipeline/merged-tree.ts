import type { ConfigIssue } from '../issues/config-error';
import { formatConfigPath, isTable, type ConfigPath, type IssueDraft } from '../issues/config-path';
import type { SourcePosition } from '../sources/text-cursor';

/**
 * The sources of a configuration, lowest precedence first: the file, the overrides file, runtime
 * changes made through the API, the environment, and the object passed in code.
 */
export type LayerKind = 'file' | 'overrides' | 'api' | 'environment' | 'code';

/** One source as a file-shaped tree (`{ llm: { providers: { <name>: … } } }`) plus where its keys came from. */
export interface ConfigLayer {
  kind: LayerKind;
  data: Record<string, unknown>;
  file?: string;
  positions?: Map<string, SourcePosition>;
  /** Environment layer: the variable that set each path. */
  variables?: Map<string, string>;
}

/** Where the effective value at a path came from. */
export interface Origin {
  kind: LayerKind;
  file?: string;
  position?: SourcePosition;
  variable?: string;
}

/**
 * The layers merged in order: tables merge key by key, anything else (values, arrays) is replaced,
 * and `null` removes what a lower layer set (JSON merge patch, RFC 7386). Remembers the origin of
 * every path so that issues can point at the file line or the environment variable responsible.
 */
export class MergedTree {
  readonly data: Record<string, unknown> = {};
  readonly origins = new Map<string, Origin>();

  merge(layer: ConfigLayer): this {
    this.#mergeTable(this.data, layer.data, [], layer);
    return this;
  }

  /** Records that `path` now holds a value from `origin` (used when a step fills a value in). */
  setOrigin(path: ConfigPath, origin: Origin): void {
    this.#forget(path);
    this.origins.set(formatConfigPath(path), origin);
  }

  #mergeTable(
    target: Record<string, unknown>,
    source: Record<string, unknown>,
    path: ConfigPath,
    layer: ConfigLayer,
  ): void {
    for (const [key, value] of Object.entries(source)) {
      const childPath = [...path, key];
      if (value === undefined) continue;
      if (value === null) {
        delete target[key];
        this.#forget(childPath);
      } else if (isTable(value) && isTable(target[key])) {
        if (!this.origins.has(formatConfigPath(childPath))) this.#remember(childPath, layer);
        this.#mergeTable(target[key] as Record<string, unknown>, value, childPath, layer);
      } else {
        this.#forget(childPath);
        target[key] = this.#copy(value, childPath, layer);
      }
    }
  }

  /** A deep copy of a layer's value, recording the origin of each node (nulls inside new tables are dropped). */
  #copy(value: unknown, path: ConfigPath, layer: ConfigLayer): unknown {
    this.#remember(path, layer);
    if (Array.isArray(value))
      return value.map((item, index) => this.#copy(item, [...path, index], layer));
    if (!isTable(value)) return value;
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item !== null && item !== undefined) copy[key] = this.#copy(item, [...path, key], layer);
    }
    return copy;
  }

  #remember(path: ConfigPath, layer: ConfigLayer): void {
    const formatted = formatConfigPath(path);
    this.origins.set(formatted, {
      kind: layer.kind,
      ...(layer.file ? { file: layer.file } : {}),
      ...(layer.positions?.get(formatted) ? { position: layer.positions.get(formatted) } : {}),
      ...(layer.variables?.get(formatted) ? { variable: layer.variables.get(formatted) } : {}),
    });
  }

  #forget(path: ConfigPath): void {
    const formatted = formatConfigPath(path);
    for (const key of [...this.origins.keys()]) {
      if (key === formatted || key.startsWith(`${formatted}.`) || key.startsWith(`${formatted}[`))
        this.origins.delete(key);
    }
  }
}

const SOURCE_BY_KIND = { api: 'runtime change', code: 'code (options.config)' } as const;

function describeOrigin(origin: Origin): Pick<ConfigIssue, 'file' | 'line' | 'column' | 'source'> {
  if (origin.kind === 'environment')
    return { source: origin.variable ? `environment variable ${origin.variable}` : 'environment' };
  if (origin.kind === 'api' || origin.kind === 'code')
    return { source: SOURCE_BY_KIND[origin.kind] };
  return { ...(origin.file ? { file: origin.file } : {}), ...(origin.position ?? {}) };
}

/**
 * Turns a draft into a ConfigIssue located where its value came from: the file line and column of the
 * key (or of its nearest enclosing table, for a missing key), or the environment variable that set it.
 */
export function locateIssue(draft: IssueDraft, origins: ReadonlyMap<string, Origin>): ConfigIssue {
  const issue: ConfigIssue = { path: formatConfigPath(draft.path), message: draft.message };
  let located: Origin | undefined;
  let positionless: Origin | undefined;
  for (let length = draft.path.length; length > 0 && !located; length--) {
    const origin = origins.get(formatConfigPath(draft.path.slice(0, length)));
    const inFile = origin?.kind === 'file' || origin?.kind === 'overrides';
    // An implicit table of a file has no position of its own: look further up, keep the file name.
    if (origin && inFile && !origin.position) positionless ??= origin;
    else located = origin;
  }
  const origin = located ?? positionless;
  if (origin) Object.assign(issue, describeOrigin(origin));
  if (draft.suggestion) issue.suggestion = draft.suggestion;
  return issue;
}
