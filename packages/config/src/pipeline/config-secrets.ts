import { isSecretKey } from '@llm/core';
import { isTable } from './is-table';

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

export function secretsOf(config: object): ReadonlySet<string> {
  return secretsByConfig.get(config) ?? new Set();
}
