import { LLMModelConfigSchema, LLMProviderConfigSchema } from '@llm/core';
import { z } from 'zod';
import { llmTableFields } from './llm-table-fields';

/** `[llm.providers.<name>.models.<model>]`: the model's name is its table key. */
export const ModelFileSchema = LLMModelConfigSchema.omit({ name: true });

/** `[llm.providers.<name>]`: the provider's name is its table key, its models a table keyed by model name. */
export const ProviderFileSchema = LLMProviderConfigSchema.omit({ name: true, models: true }).extend(
  {
    models: z.record(z.string(), ModelFileSchema).prefault({}),
  },
);

export const LLMTableFileSchema = z.strictObject({
  ...llmTableFields,
  providers: z.record(z.string(), ProviderFileSchema).prefault({}),
});

/** The whole config file (TOML or JSON), strict: an unknown key anywhere is an error. */
export const LLMConfigFileSchema = z.strictObject({
  llm: LLMTableFileSchema.prefault({}),
});
export type LLMConfigFile = z.infer<typeof LLMConfigFileSchema>;
export type LLMConfigFileInput = z.input<typeof LLMConfigFileSchema>;
