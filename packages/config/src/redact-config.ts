import { redactSecrets, redactText } from '@llm/core';
import { secretsOf } from './pipeline/config-secrets';
import { isTable } from './pipeline/is-table';
import type { LLMConfig } from './schema/llm-config-schema';

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
