import type { LLMProviderConfig } from '@llm/core';
import { ConfigError } from '../issues/config-error';
import type { IssueDraft } from '../issues/issue-draft';
import { valueAtPath } from '../issues/config-path';
import type { SourcePlan } from '../load/plan-sources';
import { locateIssue } from '../pipeline/locate-issue';
import { isTable } from '../pipeline/is-table';
import type { LLMConfig } from '../schema/llm-config-schema';
import type { ConfigBuilder } from './config-builder';
import { composeMergePatches, type MergePatch } from './merge-patch';
import { writeOverridesFile } from './overrides-file';
import {
  addProviderPatch,
  precedenceDrafts,
  removeProviderPatch,
  updateProviderPatch,
  type RuntimePatch,
} from './runtime-changes';

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
