import {
  BudgetConfigSchema,
  CircuitBreakerConfigSchema,
  CurrencySettingsSchema,
  LLMModelConfigSchema,
  LLMProviderConfigSchema,
  ModelPricingSchema,
  RateLimitConfigSchema,
  RetryConfigSchema,
  TimeoutConfigSchema,
  UsageSettingsSchema,
} from '@llm/core';
import { LogicalModelSchema, RoutingSettingsSchema } from '@llm/router';
import * as z from '@llm/core/zod';
import { CacheSettingsSchema } from './cache-schema';
import { LoggingSettingsSchema } from './logging-schema';

const DEFAULT_USAGE_DATA_DIR = './data/llm-usage';

/** The keys of `[llm]` other than `providers`, shared by the file shape and the runtime shape. */
const llmTableFields = {
  /** The provider used when a request names none; must be a configured provider. */
  default_provider: z.string().min(1).optional(),
  /**
   * The model used when a request (or `llm chat` without `-m`) names none: a logical model, a
   * `provider/model` pair or a model name a provider lists; checked against the config like routing names.
   */
  default_model: z
    .string()
    .min(1)
    .optional()
    .describe(
      'The model used when none is named (llm chat/repl without -m): a logical model, a provider/model pair or a model a provider lists.',
    ),
  enable_usage_tracking: z.boolean().default(true),
  /** Where the usage ledger lives; relative paths resolve against the config file's directory. */
  usage_data_dir: z.string().min(1).default(DEFAULT_USAGE_DATA_DIR),
  cost_tracking: z.boolean().default(true),
  retry: RetryConfigSchema.optional(),
  /** `[llm.routing]`: strategy, `max_attempts` and `deadline` of one whole call, stream recovery. */
  routing: RoutingSettingsSchema.optional(),
  circuit_breaker: CircuitBreakerConfigSchema.optional(),
  rate_limit: RateLimitConfigSchema.optional(),
  timeouts: TimeoutConfigSchema.optional(),
  usage: UsageSettingsSchema.optional(),
  display_currency: CurrencySettingsSchema.shape.display_currency,
  exchange_rates: CurrencySettingsSchema.shape.exchange_rates,
  budgets: z.array(BudgetConfigSchema).optional(),
  /** A separate TOML or JSON price file, watched and reloaded; relative to the config file's directory. */
  price_file: z.string().min(1).optional(),
  /** Prices keyed `provider/model` or `model`; the price file's entries win over these. */
  prices: z.record(z.string(), ModelPricingSchema).optional(),
  /** `[llm.logging]`: log level, debug content size, the opt-in call log. */
  logging: LoggingSettingsSchema.optional(),
  /** `[llm.cache]`: the response cache. */
  cache: CacheSettingsSchema.optional(),
};

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
  /**
   * Providers turned off because a secret they need names an unset variable: provider name → why
   * (the variable and the key, e.g. `environment variable ANTHROPIC_API_KEY is not set
   * (llm.providers.claude.api_key)`). Calls that need one of them fail with that reason.
   */
  disabled_providers: z.record(z.string(), z.string()).optional(),
  providers: z.array(LLMProviderConfigSchema).default([]),
  /** The logical models (`[llm.models.<name>]`) with `name` filled in, in file order. */
  models: z.array(LogicalModelSchema).optional(),
});
export type LLMConfig = z.infer<typeof LLMConfigSchema>;
export type LLMConfigInput = z.input<typeof LLMConfigSchema>;

/** `[llm.providers.<name>.models.<model>]`: the model's name is its table key. */
export const ModelFileSchema = LLMModelConfigSchema.omit({ name: true });

/** `[llm.providers.<name>]`: the provider's name is its table key, its models a table keyed by model name. */
export const ProviderFileSchema = LLMProviderConfigSchema.omit({ name: true, models: true }).extend(
  {
    models: z.record(z.string(), ModelFileSchema).prefault({}),
  },
);

/** `[llm.models.<name>]`: a logical model; its name is its table key. */
export const LogicalModelFileSchema = LogicalModelSchema.omit({ name: true });

const LLMTableFileSchema = z.strictObject({
  ...llmTableFields,
  providers: z.record(z.string(), ProviderFileSchema).prefault({}),
  models: z.record(z.string(), LogicalModelFileSchema).optional(),
});

/** The whole config file (TOML or JSON), strict: an unknown key anywhere is an error. */
export const LLMConfigFileSchema = z.strictObject({
  llm: LLMTableFileSchema.prefault({}),
});
export type LLMConfigFile = z.infer<typeof LLMConfigFileSchema>;
export type LLMConfigFileInput = z.input<typeof LLMConfigFileSchema>;

/** A price file: a table of pricing tables keyed `provider/model` or `model`, e.g. `["openai/gpt-4o"]`. */
export const PriceFileSchema = z.record(z.string().min(1), ModelPricingSchema);
export type PriceFile = z.infer<typeof PriceFileSchema>;
