import type { LLMProviderConfig } from '@llm/core';
import { formatConfigPath, valueAtPath } from '../issues/config-path';
import type { IssueDraft } from '../issues/issue-draft';
import type { Origin } from '../pipeline/config-layer';
import { isTable } from '../pipeline/is-table';
import { normalizeCodeConfig } from '../pipeline/normalize-code-config';
import { diffAsMergePatch, patchLeafPaths, type MergePatch } from './merge-patch';

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
