import type { TokenUsage } from '@llm/core';
import type { AnthropicRawUsage } from './anthropic-raw-usage';

function count(value: number | null | undefined): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * Anthropic usage → core's TokenUsage convention: `prompt_tokens` is `input_tokens` plus the cache
 * writes and cache reads Anthropic reports apart; `cached_tokens` are the reads, `cache_write_tokens`
 * the writes (`cache_write_1h_tokens` those with a 1-hour lifetime), `reasoning_tokens` the thinking tokens (already part of `output_tokens`). A count the
 * server did not send stays undefined. Returns undefined when the server reported no counts at all.
 */
export function normalizeAnthropicUsage(
  raw: AnthropicRawUsage | null | undefined,
): TokenUsage | undefined {
  if (!raw) return undefined;
  const input = count(raw.input_tokens);
  const output = count(raw.output_tokens);
  if (input === undefined && output === undefined) return undefined;
  const cacheWrite = count(raw.cache_creation_input_tokens);
  const cacheRead = count(raw.cache_read_input_tokens);
  const reasoning = count(raw.output_tokens_details?.thinking_tokens);
  const oneHourWrites = count(raw.cache_creation?.ephemeral_1h_input_tokens);
  const promptTokens = (input ?? 0) + (cacheWrite ?? 0) + (cacheRead ?? 0);
  const completionTokens = output ?? 0;
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    ...(cacheRead !== undefined && { cached_tokens: cacheRead }),
    ...(cacheWrite !== undefined && { cache_write_tokens: cacheWrite }),
    // Only a non-zero split matters for billing; Anthropic sends the 0/0 split on every response.
    ...(oneHourWrites !== undefined &&
      oneHourWrites > 0 && { cache_write_1h_tokens: oneHourWrites }),
    ...(reasoning !== undefined && { reasoning_tokens: reasoning }),
  };
}
