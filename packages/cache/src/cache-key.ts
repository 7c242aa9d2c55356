// The cache key: a hash of what makes an answer what it is, so equal requests meet whatever the
// order of their keys and whichever provider or API key serves them.
import { createHash } from 'node:crypto';
import type { EmbeddingRequest, LLMRequest } from '@llm/core';

/** What a key is for: a chat answer, a streamed answer (stored as its chunks), or embeddings. */
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

/** JSON with object keys sorted at every level and undefined values left out. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
}

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

/** The SHA-256 (hex) of the normalized request: the key an answer is stored under. */
export function cacheKey(
  operation: CachedOperation,
  request: LLMRequest | EmbeddingRequest,
): string {
  return createHash('sha256')
    .update(canonicalJson(normalizedRequest(operation, request)))
    .digest('hex');
}
