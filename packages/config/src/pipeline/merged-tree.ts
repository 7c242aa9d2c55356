import { formatConfigPath, type ConfigPath } from '../issues/config-path';
import type { ConfigLayer, Origin } from './config-layer';
import { isTable } from './is-table';

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
