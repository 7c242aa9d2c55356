import type { AnthropicRawUsage } from './anthropic-raw-usage';

/**
 * Streaming usage: `message_start` carries the first counts and each `message_delta` carries
 * cumulative ones. A field the delta sends (not null) replaces the earlier value; the rest are kept.
 */
export function mergeAnthropicStreamUsage(
  previous: AnthropicRawUsage | undefined,
  delta: AnthropicRawUsage | null | undefined,
): AnthropicRawUsage | undefined {
  if (!delta) return previous;
  const merged: Record<string, unknown> = { ...previous };
  for (const [field, value] of Object.entries(delta)) {
    if (value !== null && value !== undefined) merged[field] = value;
  }
  return merged as AnthropicRawUsage;
}
