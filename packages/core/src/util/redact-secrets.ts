const SECRET_KEY_PATTERN =
  /(api[_-]?key|secret|token|password|authorization|credential|private[_-]?key)/i;
const REDACTED = '***';

/** True for a config or header key whose value must never be shown. */
export function isSecretKey(key: string): boolean {
  // Token *counts* (max_tokens, prompt_tokens, tokens_per_minute) are not secrets; a token is.
  return SECRET_KEY_PATTERN.test(key) && !/tokens/i.test(key);
}

/** A deep copy with every secret-looking value replaced by `***` (keys kept, so the shape is clear). */
export function redactSecrets<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => redactSecrets(item)) as T;
  if (value === null || typeof value !== 'object') return value;
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (isSecretKey(key) && Array.isArray(item)) {
      // A list of secrets (`api_keys`): every non-empty string in it is one.
      result[key] = item.map((entry: unknown) =>
        typeof entry === 'string' && entry !== '' ? REDACTED : redactSecrets(entry),
      );
      continue;
    }
    result[key] =
      isSecretKey(key) &&
      item !== undefined &&
      item !== null &&
      item !== '' &&
      typeof item !== 'object'
        ? REDACTED
        : redactSecrets(item);
  }
  return result as T;
}

/** Replaces each known secret value wherever it appears inside a text (error messages, logs). */
export function redactText(text: string, secrets: Iterable<string | undefined>): string {
  let result = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) result = result.split(secret).join(REDACTED);
  }
  return result;
}
