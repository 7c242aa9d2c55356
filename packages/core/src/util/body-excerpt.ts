import { redactText } from './redact-secrets';

/** The most characters of a response body an error message quotes. */
export const BODY_EXCERPT_LIMIT = 500;

const HTML_ENTITIES: Readonly<Record<string, string>> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&nbsp;': ' ',
};

/**
 * A short, secret-free excerpt of a response body for an error message, the one rule every
 * provider uses: secrets scrubbed first (so trimming cannot cut one in half and leave it
 * unrecognised), an HTML page (a proxy's login or error page) reduced to its text, whitespace
 * collapsed, at most BODY_EXCERPT_LIMIT characters; `(empty body)` when nothing is left. Pages can
 * be 20 KB and may echo the request back, headers included.
 */
export function bodyExcerpt(body: string, secrets: Iterable<string | undefined> = []): string {
  const scrubbed = redactText(body, secrets);
  const readable = /^\s*</.test(scrubbed)
    ? scrubbed
        .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
        .replace(/<[^>]*>/g, ' ')
        .replace(/&(?:amp|lt|gt|quot|#39|nbsp);/g, (entity) => HTML_ENTITIES[entity] ?? entity)
    : scrubbed;
  const collapsed = readable.replace(/\s+/g, ' ').trim();
  if (collapsed === '') return '(empty body)';
  return collapsed.length <= BODY_EXCERPT_LIMIT
    ? collapsed
    : `${collapsed.slice(0, BODY_EXCERPT_LIMIT - 1)}…`;
}
