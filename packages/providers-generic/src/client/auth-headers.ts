import type { AuthStyle } from '../preset/generic-preset';

/**
 * Default headers that put the key where the server wants it. The SDK always adds
 * `Authorization: Bearer <apiKey>`; a null value removes it, so only bearer auth with a real key
 * keeps it. No key means no auth header at all (local servers).
 */
export function authHeaders(
  style: AuthStyle,
  apiKey: string | undefined,
): Record<string, string | null> {
  const key = apiKey === undefined || apiKey === '' ? undefined : apiKey;
  if (style === 'bearer' && key !== undefined) return {};
  const headers: Record<string, string | null> = { Authorization: null };
  if (key !== undefined && (style === 'api-key' || style === 'x-api-key')) headers[style] = key;
  return headers;
}
