import { isSecretKey } from '@llm/core';
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

/** The provider table `path` lies inside (`llm.providers.<name>.…`), if any. */
function providerAt(
  tree: Record<string, unknown>,
  path: ConfigPath,
): { name: string; table: Record<string, unknown> } | undefined {
  if (path[0] !== 'llm' || path[1] !== 'providers' || path.length < 4) return undefined;
  const llm = tree.llm;
  const providers = isTable(llm) ? llm.providers : undefined;
  const table = isTable(providers) ? providers[String(path[2])] : undefined;
  return isTable(table) ? { name: String(path[2]), table } : undefined;
}

/** Header and query names whose values are credentials even when they do not say "key" or "token". */
const CREDENTIAL_NAME = /(key|auth|cookie|session|signature|secret|token|password|credential)/i;

/**
 * Whether a value holds a secret: its key looks secret (`api_key`, `token`, …) or it is a credential
 * header or query parameter. A misspelt key such as `api_kye` does not look secret and stays an issue.
 */
function holdsSecret(path: ConfigPath): boolean {
  const key = String(path[path.length - 1]);
  const parent = path[path.length - 2];
  return (
    path.slice(3).some((segment) => typeof segment === 'string' && isSecretKey(segment)) ||
    ((parent === 'headers' || parent === 'query') && CREDENTIAL_NAME.test(key))
  );
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
  /**
   * Filled with the enabled providers whose secret names an unset variable, by provider name (the
   * first such secret of each). Without it, such a secret is an issue like any missing variable.
   */
  missingSecrets?: Map<string, MissingSecret>;
}

/** A provider's secret whose variable is not set: the provider is turned off, not the whole config. */
export interface MissingSecret {
  readonly variable: string;
  readonly path: ConfigPath;
  /** The warning reported at `path`: the variable and that the provider is off. */
  readonly warning: string;
  /** Why the provider is off, naming the variable and the key: for logs and the calls it refuses. */
  readonly reason: string;
}

/**
 * Expands `${…}` references in every string of the tree (in place). A missing variable is an issue
 * naming the variable at the path that uses it — except inside a disabled provider, where the key is
 * dropped instead so the provider can stay configured without its secret, and in a secret of an
 * enabled provider when `missingSecrets` is given: the key is dropped and the provider noted there,
 * so one unset key turns off its own provider instead of failing every other one.
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
    const provider = providerAt(tree, path);
    const drop = () => {
      if (Array.isArray(container)) container[key as number] = '';
      else delete container[key as string];
    };
    if (options.dropMissing || provider?.table.enabled === false) return drop();
    if (provider && options.missingSecrets && holdsSecret(path)) {
      const [{ variable, message }] = expanded.unresolved as [UnresolvedVariable];
      if (!options.missingSecrets.has(provider.name)) {
        options.missingSecrets.set(provider.name, {
          variable,
          path,
          warning: `${describeUnresolved(variable, message)}: provider "${provider.name}" is disabled until it is`,
          reason: `${describeUnresolved(variable, message)} (${formatConfigPath(path)})`,
        });
      }
      return drop();
    }
    for (const { variable, message } of expanded.unresolved)
      drafts.push({ path, message: describeUnresolved(variable, message) });
  };
  for (const key of Object.keys(tree)) visit(tree, key, [key]);
  return drafts;
}
