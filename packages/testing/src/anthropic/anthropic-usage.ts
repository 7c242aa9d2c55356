import type { ResolvedUsage } from '../answer/simulated-answer';

/** Anthropic's input tokens exclude cache reads and writes: input = prompt − cached − cache-write. */
export function anthropicInputTokens(usage: ResolvedUsage): number {
  return Math.max(0, usage.prompt_tokens - usage.cached_tokens - usage.cache_write_tokens);
}

/** The usage object of a `message` (and of `message_start`, with its own `output_tokens`). */
export function anthropicUsage(
  usage: ResolvedUsage,
  outputTokens = usage.completion_tokens,
): Record<string, unknown> {
  return {
    input_tokens: anthropicInputTokens(usage),
    cache_creation_input_tokens: usage.cache_write_tokens,
    cache_read_input_tokens: usage.cached_tokens,
    cache_creation: {
      ephemeral_5m_input_tokens: usage.cache_write_tokens,
      ephemeral_1h_input_tokens: 0,
    },
    output_tokens: outputTokens,
    service_tier: 'standard',
  };
}

/** The cumulative usage of `message_delta`. */
export function anthropicDeltaUsage(usage: ResolvedUsage): Record<string, unknown> {
  return {
    input_tokens: anthropicInputTokens(usage),
    cache_creation_input_tokens: usage.cache_write_tokens,
    cache_read_input_tokens: usage.cached_tokens,
    output_tokens: usage.completion_tokens,
  };
}
