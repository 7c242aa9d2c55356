import type { LLMProviderConfig } from '@llm/core';
import { renameSync, writeFileSync } from 'node:fs';
import { ConfigError } from '../issues/config-error';
import { formatConfigPath, isTable, valueAtPath, type IssueDraft } from '../issues/config-path';
import type { SourcePlan } from '../load/config-sources';
import { locateIssue, type Origin } from '../pipeline/merged-tree';
import { normalizeCodeConfig } from '../pipeline/normalize-code-config';
import type { LLMConfig } from '../schema/config-schema';
import type { ConfigBuilder } from './config-builder';
import {
  composeMergePatches,
  diffAsMergePatch,
  patchLeafPaths,
  type MergePatch,
} from './merge-patch';

export interface RuntimePatch {
  patch: MergePatch;
  drafts: IssueDraft[];
}

/** A runtime provider (`name`, `models` as an array) in the file shape (models keyed by name), with naming issues. */
function toFileShape(provider: unknown): { shape: Record<string, unknown>; drafts: IssueDraft[] } {
  const { data, drafts } = normalizeCodeConfig({ providers: [provider] });
  const providers = (data.llm as { providers: Record<string, unknown> }).providers;
  const shape = Object.values(providers)[0];
  return { shape: isTable(shape) ? JSON.parse(JSON.stringify(shape)) : {}, drafts };
}

const wrap = (name: string, value: unknown): MergePatch => ({
  llm: { providers: { [name]: value } },
});

/** Adds a provider; `lower` is the same-named provider in the file layers (after a removal), whose other keys are cleared. */
export function addProviderPatch(
  provider: LLMProviderConfig,
  lower: Record<string, unknown> | undefined,
): RuntimePatch {
  const { shape, drafts } = toFileShape(provider);
  return { patch: wrap(provider.name, lower ? diffAsMergePatch(lower, shape) : shape), drafts };
}

/** The smallest patch that turns the current provider into the updated one (unchanged secrets are not written). */
export function updateProviderPatch(
  current: LLMProviderConfig,
  updates: Partial<LLMProviderConfig>,
): RuntimePatch {
  const before = toFileShape(current).shape;
  const after = toFileShape({ ...current, ...updates, name: current.name });
  return { patch: wrap(current.name, diffAsMergePatch(before, after.shape)), drafts: after.drafts };
}

export function removeProviderPatch(name: string): MergePatch {
  return wrap(name, null);
}

/**
 * Values a runtime change sets but cannot win: the environment and the code's object take precedence
 * over it. (Removals are not checked: a conventional variable such as OPENAI_API_KEY may refill them.)
 */
export function precedenceDrafts(
  patch: MergePatch,
  origins: ReadonlyMap<string, Origin>,
): IssueDraft[] {
  return patchLeafPaths(patch).flatMap((path) => {
    if (valueAtPath(patch, path) === null) return [];
    const origin = origins.get(formatConfigPath(path));
    if (origin?.kind !== 'environment' && origin?.kind !== 'code') return [];
    const by =
      origin.kind === 'code'
        ? 'the config passed in code'
        : `environment variable ${origin.variable ?? ''}`.trim();
    return [{ path, message: `is set by ${by}, which takes precedence over runtime changes` }];
  });
}

/** Writes the overrides file atomically (a temporary file renamed over it), so a watcher never reads half of it. */
function writeOverridesFile(file: string, data: MergePatch): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, file);
}

const issuesOf = (drafts: IssueDraft[]) =>
  drafts.map((draft) => locateIssue(draft, new Map([['llm', { kind: 'api' as const }]])));
const providerError = (name: string, message: string) =>
  new ConfigError([{ path: `llm.providers.${name}`, message, source: 'runtime change' }]);

/**
 * Validates and applies runtime provider changes as a merge patch: kept in memory (a layer between the
 * overrides file and the environment), or written to the overrides file when persisting.
 */
export class RuntimeChanges {
  readonly #plan: SourcePlan;
  readonly #builder: ConfigBuilder;
  readonly #persist: boolean;
  #pending: MergePatch = {};

  constructor(plan: SourcePlan, builder: ConfigBuilder, persist: boolean) {
    this.#plan = plan;
    this.#builder = builder;
    this.#persist = persist;
    if (persist && !plan.overridesFile) {
      throw new ConfigError([
        {
          path: '',
          message:
            'persistChanges needs an overrides file: load a config file or pass overridesFile',
        },
      ]);
    }
  }

  /** Changes not written to the overrides file (all of them when not persisting). */
  pending(): MergePatch {
    return this.#pending;
  }

  add(current: LLMConfig, provider: LLMProviderConfig): LLMConfig {
    const name = provider?.name;
    if (typeof name !== 'string' || name === '')
      throw new ConfigError([
        { path: 'llm.providers', message: 'a provider needs a name', source: 'runtime change' },
      ]);
    if (current.providers.some((existing) => existing.name === name))
      throw providerError(name, `provider "${name}" already exists; use updateProvider()`);
    const lower = valueAtPath(this.#builder.lowerLayers(!this.#persist), [
      'llm',
      'providers',
      name,
    ]);
    return this.#commit(addProviderPatch(provider, isTable(lower) ? lower : undefined));
  }

  update(current: LLMConfig, name: string, updates: Partial<LLMProviderConfig>): LLMConfig {
    const provider = current.providers.find((existing) => existing.name === name);
    if (!provider)
      throw providerError(name, `provider "${name}" does not exist; use addProvider()`);
    if (updates.name !== undefined && updates.name !== name)
      throw providerError(
        name,
        'a provider cannot be renamed; remove it and add it under the new name',
      );
    return this.#commit(updateProviderPatch(provider, updates));
  }

  remove(current: LLMConfig, name: string): LLMConfig {
    if (!current.providers.some((existing) => existing.name === name))
      throw providerError(name, `provider "${name}" does not exist`);
    return this.#commit({ patch: removeProviderPatch(name), drafts: [] });
  }

  #commit({ patch, drafts }: RuntimePatch): LLMConfig {
    if (drafts.length > 0) throw new ConfigError(issuesOf(drafts));
    const overrides = this.#persist
      ? composeMergePatches(this.#builder.readOverrides(), patch)
      : undefined;
    const pending = this.#persist ? this.#pending : composeMergePatches(this.#pending, patch);
    const built = this.#builder.buildWith({ ...(overrides ? { overrides } : {}), api: pending });
    const conflicts = precedenceDrafts(patch, built.origins);
    if (conflicts.length > 0) throw new ConfigError(issuesOf(conflicts));
    if (overrides) {
      try {
        writeOverridesFile(this.#plan.overridesFile!, overrides);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
        throw new ConfigError([
          {
            path: '',
            message: `cannot write the overrides file (${code})`,
            file: this.#plan.overridesFile!,
          },
        ]);
      }
    }
    this.#pending = pending;
    return built.config;
  }
}
