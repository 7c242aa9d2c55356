import type { z } from 'zod';
import { formatConfigPath, isTable, type ConfigPath, type IssueDraft } from '../issues/config-path';
import { schemaAtPath, schemaKind } from '../schema/schema-at-path';
import { coerceEnvironmentValue } from '../sources/environment-overlay';

/** A `${…}` reference that could not be resolved. */
export interface UnresolvedVariable {
  variable: string;
  /** The text after `:?`, when given. */
  message?: string;
}

export interface ExpandedTemplate {
  value: string;
  unresolved: UnresolvedVariable[];
  /** Set when the text holds a malformed reference. */
  syntaxError?: string;
}

const REFERENCE = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:-|:\?)([\s\S]*))?$/;
const SYNTAX_HELP = 'use ${NAME}, ${NAME:-default} or ${NAME:?message}';

/**
 * Expands `${NAME}` (unset is an error; set-but-empty is kept), `${NAME:-default}` (default when unset
 * or empty) and `${NAME:?message}` (an error with that message when unset or empty). `$${` writes a
 * literal `${`.
 */
export function expandTemplate(
  text: string,
  env: Readonly<Record<string, string | undefined>>,
): ExpandedTemplate {
  const unresolved: UnresolvedVariable[] = [];
  let value = '';
  let index = 0;
  while (index < text.length) {
    const start = text.indexOf('${', index);
    if (start === -1) break;
    if (text[start - 1] === '$') {
      value += `${text.slice(index, start - 1)}\${`;
      index = start + 2;
      continue;
    }
    value += text.slice(index, start);
    const end = text.indexOf('}', start);
    if (end === -1)
      return { value: text, unresolved, syntaxError: `unterminated "\${" (${SYNTAX_HELP})` };
    const match = REFERENCE.exec(text.slice(start + 2, end));
    if (!match)
      return {
        value: text,
        unresolved,
        syntaxError: `malformed variable reference (${SYNTAX_HELP})`,
      };
    const [, variable, operator, argument] = match as unknown as [
      string,
      string,
      string | undefined,
      string | undefined,
    ];
    const current = env[variable];
    if (operator === ':-') value += current ? current : (argument ?? '');
    else if (operator === ':?' && !current)
      unresolved.push({ variable, message: argument || undefined });
    else if (current === undefined) unresolved.push({ variable });
    else value += current;
    index = end + 1;
  }
  return { value: value + text.slice(index), unresolved };
}

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

export interface SubstitutionOptions {
  /** Drop keys with unset variables instead of reporting them. */
  dropMissing?: boolean;
  /**
   * The schema of the tree: where it expects a number or a boolean, the substituted text becomes one
   * (`timeout = "${T:-1000}"` is the number 1000), read like an environment value.
   */
  schema?: z.ZodType;
  /** Filled with the template of each substituted value the schema's type could not be read from, by formatted path. */
  uncoerced?: Map<string, string>;
}

/**
 * Expands `${…}` references in every string of the tree (in place). A missing variable is an issue
 * naming the variable at the path that uses it — except inside a disabled provider, where the key is
 * dropped instead so the provider can stay configured without its secret.
 */
export function substituteVariables(
  tree: Record<string, unknown>,
  env: Readonly<Record<string, string | undefined>>,
  options: SubstitutionOptions = {},
): IssueDraft[] {
  const drafts: IssueDraft[] = [];
  const typed = (path: ConfigPath, template: string, text: string): unknown => {
    const schema = options.schema && schemaAtPath(options.schema, path);
    const kind = schema && schemaKind(schema);
    if (kind !== 'number' && kind !== 'boolean') return text;
    const value = coerceEnvironmentValue(text, schema);
    if (typeof value === 'string') options.uncoerced?.set(formatConfigPath(path), template);
    return value;
  };
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
      return void ((container as Record<string | number, unknown>)[key] = typed(
        path,
        value,
        expanded.value,
      ));
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
