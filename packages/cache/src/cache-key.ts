// The cache key: a hash of what makes an answer what it is, so equal requests meet whatever the
// order of their keys and whichever provider or API key serves them.
import { createHash } from 'node:crypto';
import type { EmbeddingRequest, LLMRequest } from '@llm/core';

/** What a key is for: a chat answer, a streamed answer (stored assembled, replayed as chunks), or embeddings. */
export type CachedOperation = 'chat' | 'stream' | 'embedding';

/** Request fields that change a chat answer; routing, attribution and transport fields do not. */
const CHAT_FIELDS = [
  'model',
  'messages',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'temperature',
  'top_p',
  'max_tokens',
  'stop',
  'response_format',
  'presence_penalty',
  'frequency_penalty',
  'seed',
  'extra_body',
] as const satisfies ReadonlyArray<keyof LLMRequest>;

const EMBEDDING_FIELDS = ['model', 'input', 'dimensions'] as const satisfies ReadonlyArray<
  keyof EmbeddingRequest
>;

/** Appends the canonical JSON of `value` to `out`: one string grown in place, no intermediate arrays of entries. */
function writeCanonical(value: unknown, out: string): string {
  if (value === null || typeof value !== 'object') {
    // JSON.stringify gives undefined for undefined, functions and symbols; as array items they are null.
    return out + (JSON.stringify(value) ?? 'null');
  }
  if (Array.isArray(value)) {
    out += '[';
    for (let index = 0; index < value.length; index++) {
      if (index > 0) out += ',';
      out = writeCanonical(value[index], out);
    }
    return out + ']';
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  out += '{';
  let first = true;
  for (const key of keys) {
    const item = record[key];
    if (item === undefined) continue;
    if (!first) out += ',';
    first = false;
    out = writeCanonical(item, out + JSON.stringify(key) + ':');
  }
  return out + '}';
}

/** JSON with object keys sorted at every level and undefined values left out. */
export function canonicalJson(value: unknown): string {
  return writeCanonical(value, '');
}

/** The fields a key is computed from, with `operation`, in the sorted order canonical JSON writes them. */
const CHAT_KEY_FIELDS: readonly string[] = ['operation', ...CHAT_FIELDS].sort();
const EMBEDDING_KEY_FIELDS: readonly string[] = ['operation', ...EMBEDDING_FIELDS].sort();

/** The normalized request a key is computed from (shown by debug tools; hashed for the key). */
export function normalizedRequest(
  operation: CachedOperation,
  request: LLMRequest | EmbeddingRequest,
): Record<string, unknown> {
  const fields: readonly string[] = operation === 'embedding' ? EMBEDDING_FIELDS : CHAT_FIELDS;
  const source = request as unknown as Record<string, unknown>;
  const normalized: Record<string, unknown> = { operation };
  for (const field of fields) if (source[field] !== undefined) normalized[field] = source[field];
  return normalized;
}

/**
 * The SHA-256 (hex) of the normalized request: the key an answer is stored under. It equals the
 * hash of `canonicalJson(normalizedRequest(operation, request))`, written in one pass over the
 * request's fields in sorted order, without building the normalized object first.
 */
export function cacheKey(
  operation: CachedOperation,
  request: LLMRequest | EmbeddingRequest,
): string {
  const source = request as unknown as Record<string, unknown>;
  let out = '{';
  let first = true;
  for (const field of operation === 'embedding' ? EMBEDDING_KEY_FIELDS : CHAT_KEY_FIELDS) {
    const item = field === 'operation' ? operation : source[field];
    if (item === undefined) continue;
    if (!first) out += ',';
    first = false;
    out = writeCanonical(item, `${out}"${field}":`);
  }
  return createHash('sha256')
    .update(out + '}')
    .digest('hex');
}
