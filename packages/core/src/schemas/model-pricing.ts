import * as z from './zod-subset';

const price = z.number().nonnegative();

/** Prices that replace the base ones for the whole request once the prompt exceeds `above_tokens`. */
export const PricingTierSchema = z.strictObject({
  above_tokens: z.number().int().positive(),
  input_price: price,
  output_price: price,
  cached_input_price: price.optional(),
  cache_write_price: price.optional(),
  reasoning_price: price.optional(),
});
export type PricingTier = z.output<typeof PricingTierSchema>;

/**
 * Prices of one model (ModelPricing of the public API), per token or per million tokens in `currency`.
 * Optional prices fall back as documented in @llm/usage: cached input and cache writes to the input
 * price, reasoning to the output price.
 */
export const ModelPricingSchema = z.strictObject({
  currency: z.string().min(1).default('USD'),
  unit: z.enum(['tokens', 'million_tokens']).default('million_tokens'),
  input_price: price,
  output_price: price,
  cached_input_price: price.optional(),
  /** Cache writes with the default (5 minute) lifetime. */
  cache_write_price: price.optional(),
  /** Cache writes with a 1 hour lifetime (Anthropic). */
  cache_write_1h_price: price.optional(),
  reasoning_price: price.optional(),
  tiers: z.array(PricingTierSchema).optional(),
});
export type ModelPricing = z.output<typeof ModelPricingSchema>;
export type ModelPricingInput = z.input<typeof ModelPricingSchema>;
