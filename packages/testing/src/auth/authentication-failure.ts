import { requestErrors } from '../errors/request-errors';
import type { WireDialect } from '../routing/wire-dialect';
import type { ScriptedError } from '../simulator-types';

function bearer(headers: Readonly<Record<string, string>>): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(headers['authorization'] ?? '');
  return match?.[1]?.trim();
}

/** The key a client presented: OpenAI `Authorization: Bearer`; Anthropic `x-api-key` or Bearer; Azure `api-key` or Bearer (AD token). */
export function presentedApiKey(
  dialect: WireDialect,
  headers: Readonly<Record<string, string>>,
): string | undefined {
  const key =
    dialect === 'anthropic'
      ? (headers['x-api-key'] ?? bearer(headers))
      : dialect === 'azure'
        ? (headers['api-key'] ?? bearer(headers))
        : bearer(headers);
  return key === undefined || key.trim() === '' ? undefined : key;
}

/** Enough of a key to recognise it, never the key: `***` plus its last 4 characters when it is long. */
export function maskApiKey(key: string): string {
  return key.length >= 12 ? `***${key.slice(-4)}` : '***';
}

/** The 401 a request earns: no key, or (when `apiKeys` is given) a key not in it. */
export function authenticationFailure(
  dialect: WireDialect,
  headers: Readonly<Record<string, string>>,
  apiKeys: readonly string[] | undefined,
): ScriptedError | undefined {
  const key = presentedApiKey(dialect, headers);
  if (key === undefined) return requestErrors.missingApiKey(dialect);
  if (apiKeys !== undefined && !apiKeys.includes(key))
    return requestErrors.invalidApiKey(dialect, maskApiKey(key));
  return undefined;
}
