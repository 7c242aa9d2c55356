import {
  BudgetConfigSchema,
  CircuitBreakerConfigSchema,
  CurrencySettingsSchema,
  ModelPricingSchema,
  RateLimitConfigSchema,
  RetryConfigSchema,
  TimeoutConfigSchema,
  UsageSettingsSchema,
} from '@llm/core';
import { z } from 'zod';

export const DEFAULT_USAGE_DATA_DIR = './data/llm-usage';

/** The keys of `[llm]` other than `providers`, shared by the file shape and the runtime shape. */
export const llmTableFields = {
  /** The provider used when a request names none; must be a configured provider. */
  default_provider: z.string().min(1).optional(),
  enable_usage_tracking: z.boolean().default(true),
  /** Where the usage ledger lives; relative paths resolve against the config file's directory. */
  usage_data_dir: z.string().min(1).default(DEFAULT_USAGE_DATA_DIR),
  cost_tracking: z.boolean().default(true),
  retry: RetryConfigSchema.optional(),
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
};
