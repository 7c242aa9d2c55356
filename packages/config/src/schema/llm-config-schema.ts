import { LLMProviderConfigSchema } from '@llm/core';
import { z } from 'zod';
import { llmTableFields } from './llm-table-fields';

/**
 * The normalized `[llm]` table as the rest of the toolkit sees it: providers as an array with `name`
 * filled in, each provider's models as an array with `name` filled in, defaults applied, relative
 * paths resolved, price-file prices applied to the models. Loaded configs are frozen snapshots.
 */
export const LLMConfigSchema = z.strictObject({
  ...llmTableFields,
  providers: z.array(LLMProviderConfigSchema).default([]),
});
export type LLMConfig = z.infer<typeof LLMConfigSchema>;
export type LLMConfigInput = z.input<typeof LLMConfigSchema>;
