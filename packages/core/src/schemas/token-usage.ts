import * as z from './zod-subset';

const tokenCount = z.number().int().nonnegative();

/** Cost of one call split by what was billed, in `currency`. */
export const CostBreakdownSchema = z.object({
  input: z.number(),
  cached_input: z.number(),
  cache_write: z.number(),
  output: z.number(),
  reasoning: z.number(),
  total: z.number(),
  /** The total as an exact decimal string; sums are made from this, never from the floats. */
  total_decimal: z.string().optional(),
  currency: z.string(),
  /** Where the prices came from: `config`, `price_file`, `catalog`. */
  price_source: z.string().optional(),
});
export type CostBreakdown = z.output<typeof CostBreakdownSchema>;

/**
 * Token usage of one call, the same shape for every provider.
 *
 * Convention (one for all providers, OpenAI's): `prompt_tokens` counts every input token,
 * INCLUDING `cached_tokens` (read from the prompt cache) and `cache_write_tokens` (written to it).
 * Anthropic reports these apart, so its providers add `input_tokens + cache_read_input_tokens +
 * cache_creation_input_tokens`. Likewise `completion_tokens` INCLUDES `reasoning_tokens`.
 * `total_tokens = prompt_tokens + completion_tokens`.
 *
 * A count the provider did not report is `undefined`, never 0. When a server reports no usage at
 * all, the numbers are estimated and `estimated` is true.
 */
export const TokenUsageSchema = z.object({
  prompt_tokens: tokenCount,
  completion_tokens: tokenCount,
  total_tokens: tokenCount,
  /** Prompt tokens read from the provider's prompt cache (part of prompt_tokens). */
  cached_tokens: tokenCount.optional(),
  /** Prompt tokens written to the prompt cache (part of prompt_tokens). */
  cache_write_tokens: tokenCount.optional(),
  /** Of `cache_write_tokens`, those written with a 1-hour lifetime (Anthropic), billed at the 1-hour price; present only when non-zero. */
  cache_write_1h_tokens: tokenCount.optional(),
  /** Hidden reasoning/thinking tokens (part of completion_tokens). */
  reasoning_tokens: tokenCount.optional(),
  /** Cost of the call in `currency`; undefined when no price is known (never a silent 0). */
  cost: z.number().nonnegative().optional(),
  currency: z.string().optional(),
  cost_breakdown: CostBreakdownSchema.optional(),
  /** True when the counts were estimated locally because the server did not report them. */
  estimated: z.boolean().optional(),
  /** True when usage was known but no price was found for the model. */
  pricing_missing: z.boolean().optional(),
});
export type TokenUsage = z.output<typeof TokenUsageSchema>;

export function emptyUsage(): TokenUsage {
  return { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 };
}
