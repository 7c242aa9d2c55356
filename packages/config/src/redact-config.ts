import { isSecretKey, redactSecrets, redactText } from '@llm/core';
import { isTable } from './issues/config-path';
import type { LLMConfig } from './schema/config-schema';

const secretsByConfig = new WeakMap<object, ReadonlySet<string>>();

/** Values of environment variables whose names look secret (`*_API_KEY`, `*_TOKEN`, `*_SECRET`…). */
export function secretEnvironmentValues(
  env: Readonly<Record<string, string | undefined>>,
): string[] {
  return Object.entries(env)
    .filter(([name, value]) => value && isSecretKey(name))
    .map(([, value]) => value!);
}

/** Every string held under a secret-looking key anywhere in the tree. */
export function secretValuesIn(tree: unknown, underSecretKey = false): string[] {
  if (typeof tree === 'string') return underSecretKey && tree ? [tree] : [];
  if (Array.isArray(tree)) return tree.flatMap((item) => secretValuesIn(item, underSecretKey));
  if (!isTable(tree)) return [];
  return Object.entries(tree).flatMap(([key, value]) =>
    secretValuesIn(value, underSecretKey || isSecretKey(key)),
  );
}

/** Remembers which values of a loaded config are secrets, so redactConfig can hide them wherever they appear. */
export function rememberSecrets(config: object, secrets: Iterable<string>): void {
  secretsByConfig.set(config, new Set(secrets));
}

function secretsOf(config: object): ReadonlySet<string> {
  return secretsByConfig.get(config) ?? new Set();
}

const REDACTED = '***';
/** Header and query names whose values are credentials even when they do not say "key" or "token". */
const SENSITIVE_NAME = /(key|auth|cookie|session|signature|secret|token|password|credential)/i;
const URL_PASSWORD = /^([a-z][a-z0-9+.-]*:\/\/[^/:@\s]+:)[^/@\s]+@/i;

function redactNode(
  value: unknown,
  secrets: ReadonlySet<string>,
  parentKey: string | undefined,
): unknown {
  if (typeof value === 'string')
    return redactText(value, secrets).replace(URL_PASSWORD, `$1${REDACTED}@`);
  if (Array.isArray(value)) return value.map((item) => redactNode(item, secrets, undefined));
  if (!isTable(value)) return value;
  const sensitiveTable = parentKey === 'headers' || parentKey === 'query';
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      sensitiveTable && typeof item === 'string' && SENSITIVE_NAME.test(key)
        ? REDACTED
        : redactNode(item, secrets, key),
    ]),
  );
}

/**
 * A printable copy of a configuration (for `llm config show`) with every secret replaced by `***`:
 * values under secret-looking keys (api_key, token, password…), credential headers and query
 * parameters, passwords in URLs, and any value of a secret environment variable wherever it appears.
 */
export function redactConfig(config: LLMConfig): unknown {
  return redactNode(redactSecrets(config), secretsOf(config), undefined);
}
