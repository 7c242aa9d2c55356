import { ModelPricingSchema } from '@llm/core';
import { z } from 'zod';

/** A price file: a table of pricing tables keyed `provider/model` or `model`, e.g. `["openai/gpt-4o"]`. */
export const PriceFileSchema = z.record(z.string().min(1), ModelPricingSchema);
export type PriceFile = z.infer<typeof PriceFileSchema>;
