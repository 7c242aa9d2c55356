import { BUILTIN_PROVIDER_TYPES, redactText } from '@llm/core';
import { relative, resolve } from 'node:path';
import { runSemanticChecks } from '../checks/semantic-checks';
import type { ConfigIssue } from '../issues/config-error';
import { isTable, type IssueDraft } from '../issues/config-path';
import { zodIssueToDrafts } from '../issues/zod-issue-to-drafts';
import { rememberSecrets, secretEnvironmentValues, secretValuesIn } from '../redact-config';
import { LLMConfigFileSchema, type LLMConfig } from '../schema/config-schema';
import { applyConventionalVariables } from '../sources/conventional-variables';
import { environmentOverlay } from '../sources/environment-overlay';
import type { ParsedSource } from '../sources/read-config-source';
import { loadPriceFile } from './load-price-file';
import { locateIssue, MergedTree, type Origin } from './merged-tree';
import { normalizeCodeConfig } from './normalize-code-config';
import { substituteVariables, type MissingSecret } from './substitute-variables';
import { toRuntimeConfig } from './to-runtime-config';

/** Everything a configuration is built from, already read from disk. */
export interface ConfigSources {
  file?: ParsedSource;
  overrides?: ParsedSource;
  /** Runtime changes made through the manager, as a merge patch in the file shape. */
  api?: Record<string, unknown>;
  /** The environment with `.env` values under it. */
  env: Readonly<Record<string, string | undefined>>;
  code?: Record<string, unknown>;
  /** Relative paths resolve against it: the config file's directory, else the working directory. */
  baseDirectory: string;
  knownProviderTypes?: readonly string[];
  knownPresets?: readonly string[];
  /** Drop keys with unset variables instead of reporting them (see LoadConfigOptions). */
  allowMissingVariables?: boolean;
  /** Problems found while gathering the sources (e.g. `.env` syntax). */
  sourceIssues?: readonly ConfigIssue[];
}

export interface BuildResult {
  /** Present when there are no issues: a frozen snapshot. */
  config?: LLMConfig;
  issues: ConfigIssue[];
  /**
   * Problems that do not stop the configuration: a provider whose secret names an unset variable is
   * disabled (listed in the config's `disabled_providers`), the other providers keep working.
   */
  warnings: ConfigIssue[];
  origins: ReadonlyMap<string, Origin>;
  /** The resolved price file, when the configuration names one (also when it is invalid, so it can be watched). */
  priceFile?: string;
}

function mergeSources(sources: ConfigSources, drafts: IssueDraft[]): MergedTree {
  const tree = new MergedTree();
  for (const kind of ['file', 'overrides'] as const) {
    const source = sources[kind];
    if (source?.data)
      tree.merge({ kind, data: source.data, file: source.file, positions: source.positions });
  }
  if (sources.api) tree.merge({ kind: 'api', data: sources.api });
  tree.merge({ kind: 'environment', ...environmentOverlay(tree.data, sources.env) });
  if (sources.code) {
    const code = normalizeCodeConfig(sources.code);
    drafts.push(...code.drafts);
    tree.merge({ kind: 'code', data: code.data });
  }
  return tree;
}

/** Merges, substitutes, validates (schema and semantics) and normalizes; reports every issue at once. */
export function buildConfig(sources: ConfigSources): BuildResult {
  const secrets = new Set(secretEnvironmentValues(sources.env));
  const redact = (issues: ConfigIssue[]) =>
    sortIssues(issues.map((issue) => ({ ...issue, message: redactText(issue.message, secrets) })));
  const sourceIssues = [
    ...(sources.sourceIssues ?? []),
    ...(sources.file?.issues ?? []),
    ...(sources.overrides?.issues ?? []),
  ];
  if (
    sourceIssues.length > 0 &&
    [sources.file, sources.overrides].some(
      (source) => source && !source.data && source.issues.length,
    )
  ) {
    return { issues: redact(sourceIssues), warnings: [], origins: new Map() };
  }

  const drafts: IssueDraft[] = [];
  const tree = mergeSources(sources, drafts);
  const uncoerced = new Map<string, string>();
  const missingSecrets = new Map<string, MissingSecret>();
  drafts.push(
    ...substituteVariables(tree.data, sources.env, {
      dropMissing: sources.allowMissingVariables === true,
      schema: LLMConfigFileSchema,
      uncoerced,
      missingSecrets,
    }),
  );
  const warnings = redact(
    [...missingSecrets.values()].map((missing) =>
      locateIssue({ path: missing.path, message: missing.warning }, tree.origins),
    ),
  );
  for (const [path, variable] of applyConventionalVariables(tree.data, sources.env)) {
    tree.origins.set(path, { kind: 'environment', variable });
  }
  const parsed = LLMConfigFileSchema.safeParse(tree.data);
  if (!parsed.success)
    drafts.push(
      ...parsed.error.issues.flatMap((issue) =>
        zodIssueToDrafts(issue, LLMConfigFileSchema, tree.data, uncoerced),
      ),
    );
  const llm = isTable(tree.data.llm) ? tree.data.llm : {};
  const knownProviderTypes = new Set([
    ...BUILTIN_PROVIDER_TYPES,
    ...(sources.knownProviderTypes ?? []),
  ]);
  drafts.push(
    ...runSemanticChecks({
      llm,
      knownProviderTypes,
      ...(sources.knownPresets ? { knownPresets: new Set(sources.knownPresets) } : {}),
    }),
  );

  const issues = [...sourceIssues, ...drafts.map((draft) => locateIssue(draft, tree.origins))];
  const priceFile =
    typeof llm.price_file === 'string' && llm.price_file
      ? resolve(sources.baseDirectory, llm.price_file)
      : undefined;
  const prices = priceFile ? loadPriceFile(priceFile) : undefined;
  if (prices?.missing)
    issues.push(
      locateIssue(
        {
          path: ['llm', 'price_file'],
          message: `price file not found: ${relative(sources.baseDirectory, priceFile!)}`,
        },
        tree.origins,
      ),
    );
  issues.push(...(prices?.issues ?? []));
  if (issues.length > 0 || !parsed.success)
    return {
      issues: redact(issues),
      warnings,
      origins: tree.origins,
      ...(priceFile ? { priceFile } : {}),
    };

  const config = toRuntimeConfig(parsed.data.llm, {
    baseDirectory: sources.baseDirectory,
    ...(prices?.prices ? { filePrices: prices.prices } : {}),
    disabledProviders: new Map(
      [...missingSecrets].map(([name, missing]) => [name, missing.reason] as const),
    ),
  });
  for (const secret of secretValuesIn(config)) secrets.add(secret);
  rememberSecrets(config, secrets);
  return {
    config: deepFreeze(config),
    issues: [],
    warnings,
    origins: tree.origins,
    ...(priceFile ? { priceFile } : {}),
  };
}

/** File issues first, by file then line and column; issues from other sources keep their order after them. */
export function sortIssues(issues: readonly ConfigIssue[]): ConfigIssue[] {
  const rank = (issue: ConfigIssue) => (issue.file ? 0 : 1);
  return [...issues].sort(
    (left, right) =>
      rank(left) - rank(right) ||
      (left.file ?? '').localeCompare(right.file ?? '') ||
      (left.line ?? Number.MAX_SAFE_INTEGER) - (right.line ?? Number.MAX_SAFE_INTEGER) ||
      (left.column ?? 0) - (right.column ?? 0),
  );
}

/** Freezes a value and everything inside it: loaded configs are immutable snapshots. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}
