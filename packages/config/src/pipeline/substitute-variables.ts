import type { ConfigPath } from '../issues/config-path';
import type { IssueDraft } from '../issues/issue-draft';
import { expandTemplate } from './expand-template';
import { isTable } from './is-table';

/** True when `path` lies inside a provider with `enabled = false`. */
function insideDisabledProvider(tree: Record<string, unknown>, path: ConfigPath): boolean {
  if (path[0] !== 'llm' || path[1] !== 'providers' || path.length < 4) return false;
  const provider = ((tree.llm as Record<string, unknown>).providers as Record<string, unknown>)[
    String(path[2])
  ];
  return isTable(provider) && provider.enabled === false;
}

function describeUnresolved(variable: string, message: string | undefined): string {
  return `environment variable ${variable} is not set${message ? `: ${message}` : ''}`;
}

/**
 * Expands `${…}` references in every string of the tree (in place). A missing variable is an issue
 * naming the variable at the path that uses it — except inside a disabled provider, where the key is
 * dropped instead so the provider can stay configured without its secret.
 */
export function substituteVariables(
  tree: Record<string, unknown>,
  env: Readonly<Record<string, string | undefined>>,
  options: { dropMissing?: boolean } = {},
): IssueDraft[] {
  const drafts: IssueDraft[] = [];
  const visit = (
    container: Record<string, unknown> | unknown[],
    key: string | number,
    path: ConfigPath,
  ): void => {
    const value = (container as Record<string | number, unknown>)[key];
    if (Array.isArray(value)) value.forEach((_, index) => visit(value, index, [...path, index]));
    else if (isTable(value))
      for (const child of Object.keys(value)) visit(value, child, [...path, child]);
    if (typeof value !== 'string' || !value.includes('${')) return;
    const expanded = expandTemplate(value, env);
    if (expanded.syntaxError) return void drafts.push({ path, message: expanded.syntaxError });
    if (expanded.unresolved.length === 0)
      return void ((container as Record<string | number, unknown>)[key] = expanded.value);
    if (options.dropMissing || insideDisabledProvider(tree, path)) {
      if (Array.isArray(container)) container[key as number] = '';
      else delete container[key as string];
      return;
    }
    for (const { variable, message } of expanded.unresolved)
      drafts.push({ path, message: describeUnresolved(variable, message) });
  };
  for (const key of Object.keys(tree)) visit(tree, key, [key]);
  return drafts;
}
