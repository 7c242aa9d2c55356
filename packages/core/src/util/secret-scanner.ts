// The last line of defence before a log line, a metric label or a span attribute leaves the process:
// known secret values plus the shapes keys take in text (bearer tokens, `key=` in URLs, `sk-…`).
import { isSecretKey, redactText } from './redact-secrets';

const REDACTED = '***';

/** Key-shaped tokens wherever they appear in text; each pattern keeps its prefix so the line still reads. */
const SECRET_PATTERNS: ReadonlyArray<[RegExp, string]> = [
  // `Authorization: Bearer <token>` and `bearer=<token>`.
  [/\b(bearer[\s=:]+)[A-Za-z0-9._~+/=-]{8,}/gi, `$1${REDACTED}`],
  // `?key=…`, `&api_key=…`, `access_token=…` in URLs and query strings (Gemini, Azure SAS).
  [
    /([?&](?:key|api[_-]?key|apikey|access[_-]?token|token|sig|signature)=)[^&#\s"']+/gi,
    `$1${REDACTED}`,
  ],
  // OpenAI, Anthropic, DeepSeek and OpenRouter keys (`sk-…`, `sk-ant-…`, `sk-or-…`).
  [/\bsk-[A-Za-z0-9_-]{8,}/g, REDACTED],
];

export interface SecretScanner {
  /** The text with every secret it holds replaced by `***`. */
  text(value: string): string;
  /** A deep copy of `value`: strings scanned, values under secret-looking keys replaced. */
  value<T>(value: T): T;
}

/**
 * A scanner for the secrets `secrets()` returns (read on every use, so keys added by a config
 * reload are covered) and for the key shapes every provider uses.
 */
export function createSecretScanner(
  secrets: () => Iterable<string | undefined> = () => [],
): SecretScanner {
  const text = (value: string): string => {
    let result = redactText(value, secrets());
    for (const [pattern, replacement] of SECRET_PATTERNS)
      result = result.replace(pattern, replacement);
    return result;
  };
  const scan = (value: unknown, depth: number): unknown => {
    if (typeof value === 'string') return text(value);
    if (value === null || typeof value !== 'object' || depth > 8) return value;
    if (Array.isArray(value)) return value.map((item) => scan(item, depth + 1));
    if (value instanceof Error) return text(`${value.name}: ${value.message}`);
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      result[key] =
        isSecretKey(key) && item !== undefined && item !== null && typeof item !== 'object'
          ? REDACTED
          : scan(item, depth + 1);
    }
    return result;
  };
  return { text, value: <T>(value: T) => scan(value, 0) as T };
}

/**
 * Every secret value one provider's config holds: its `api_key`, each key of `api_keys`, and the
 * value of every secret-looking header, query parameter or other field (`authorization`,
 * `x-api-key`, `token`, …), in config order. The one rule providers (to scrub what an error
 * quotes) and the manager (to scrub logs, metrics and traces) share.
 */
export function secretsOfProvider(provider: Readonly<Record<string, unknown>>): string[] {
  const found: string[] = [];
  const visit = (value: unknown, key: string | undefined, depth: number) => {
    if (typeof value === 'string') {
      if (value !== '' && key !== undefined && isSecretKey(key)) found.push(value);
      return;
    }
    if (value === null || typeof value !== 'object' || depth > 6) return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, key, depth + 1);
      return;
    }
    for (const [name, item] of Object.entries(value)) visit(item, name, depth + 1);
  };
  visit(provider, undefined, 0);
  return found;
}

/** The secrets of a configuration: `secretsOfProvider` of each of its providers. */
export function secretsOfConfig(config: {
  readonly providers?: ReadonlyArray<Record<string, unknown>>;
}): string[] {
  return (config.providers ?? []).flatMap((provider) => secretsOfProvider(provider));
}

const CUT = '…';

/**
 * `text` cut to at most `maxBytes` UTF-8 bytes (ending in `…` when cut), never inside a character:
 * the size cap of logged and stored message content.
 */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text) <= maxBytes) return text;
  if (maxBytes < Buffer.byteLength(CUT)) return '';
  const budget = Math.max(0, maxBytes - Buffer.byteLength(CUT));
  let bytes = 0;
  let end = 0;
  for (const character of text) {
    const size = Buffer.byteLength(character);
    if (bytes + size > budget) break;
    bytes += size;
    end += character.length;
  }
  return `${text.slice(0, end)}${CUT}`;
}
