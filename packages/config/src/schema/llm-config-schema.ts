import { LLMProviderConfigSchema, ModelPricingSchema } from '@llm/core';
import { z } from 'zod';
import { llmTableFields } from './llm-table-fields';

/**
 * The normalized `[llm]` table as the rest of the toolkit sees it: providers as an array with `name`
 * filled in, each provider's models as an array with `name` filled in, defaults applied, relative
 * paths resolved. `prices` holds the inline `[llm.prices]` and `price_file_prices` the price file's
 * entries, apart (a model's `pricing` stays its own table; @llm/usage's `resolvePrice` applies the
 * precedence). Loaded configs are frozen snapshots.
 */
export const LLMConfigSchema = z.strictObject({
  ...llmTableFields,
  /** The entries of the loaded `price_file`, keyed `provider/model` or `model`. */
  price_file_prices: z.record(z.string(), ModelPricingSchema).optional(),
  providers: z.array(LLMProviderConfigSchema).default([]),
});
export type LLMConfig = z.infer<typeof LLMConfigSchema>;
export type LLMConfigInput = z.input<typeof LLMConfigSchema>;
