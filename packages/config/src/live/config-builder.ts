import { join, dirname } from 'node:path';
import { ConfigError } from '../issues/config-error';
import { readSources, type LoadConfigOptions, type SourcePlan } from '../load/config-sources';
import { buildConfig } from '../pipeline/build-config';
import { MergedTree, type Origin } from '../pipeline/merged-tree';
import type { LLMConfig } from '../schema/config-schema';
import { readConfigSource, type ParsedSource } from '../sources/read-config-source';
import type { MergePatch } from './merge-patch';

export interface BuiltSnapshot {
  config: LLMConfig;
  origins: ReadonlyMap<string, Origin>;
}

/**
 * Builds configurations for the manager: afresh from disk (reloads), or from the last good config
 * file with a changed overrides layer or runtime patch (API changes, so a half-saved file on disk
 * cannot block them). Throws ConfigError when the result is invalid.
 */
export class ConfigBuilder {
  readonly #plan: SourcePlan;
  readonly #options: LoadConfigOptions;
  #file?: ParsedSource;
  #priceFile?: string;

  constructor(plan: SourcePlan, options: LoadConfigOptions) {
    this.#plan = plan;
    this.#options = options;
  }

  buildFresh(api: MergePatch): LLMConfig {
    return this.#build(undefined, undefined, api).config;
  }

  buildWith(change: { overrides?: MergePatch; api: MergePatch }): BuiltSnapshot {
    return this.#build(this.#file, change.overrides, change.api);
  }

  /** The overrides file as on disk (`{}` when absent); throws ConfigError when it is malformed. */
  readOverrides(): MergePatch {
    if (!this.#plan.overridesFile) return {};
    const source = readConfigSource(this.#plan.overridesFile, { required: false });
    if (source.issues.length > 0) throw new ConfigError(source.issues);
    return source.data ?? {};
  }

  /** The raw (unsubstituted) tree of the file layer, plus the overrides file when asked. */
  lowerLayers(includeOverrides: boolean): Record<string, unknown> {
    const tree = new MergedTree();
    if (this.#file?.data) tree.merge({ kind: 'file', data: this.#file.data });
    if (includeOverrides) tree.merge({ kind: 'overrides', data: this.readOverrides() });
    return tree.data;
  }

  /** Files whose change should reload the configuration. */
  watchedFiles(): Map<string, 'file' | 'price_file'> {
    const files = new Map<string, 'file' | 'price_file'>();
    if (this.#plan.configFile) files.set(this.#plan.configFile, 'file');
    if (this.#plan.overridesFile) files.set(this.#plan.overridesFile, 'file');
    if (this.#plan.configFile && this.#plan.dotenvDirectories.length > 0)
      files.set(join(dirname(this.#plan.configFile), '.env'), 'file');
    if (this.#priceFile) files.set(this.#priceFile, 'price_file');
    return files;
  }

  #build(
    file: ParsedSource | undefined,
    overrides: MergePatch | undefined,
    api: MergePatch,
  ): BuiltSnapshot {
    const sources = readSources(this.#plan, this.#options, file);
    if (overrides && this.#plan.overridesFile)
      sources.overrides = {
        file: this.#plan.overridesFile,
        data: overrides,
        positions: new Map(),
        issues: [],
      };
    sources.api = api;
    const result = buildConfig(sources);
    if (result.config || result.priceFile) this.#priceFile = result.priceFile;
    if (!result.config) throw new ConfigError(result.issues);
    this.#file = sources.file;
    return { config: result.config, origins: result.origins };
  }
}
