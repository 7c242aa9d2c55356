import * as z from './zod-subset';

const ms = z.number().int().nonnegative();

/** How the usage ledger stores records (`[llm.usage]`). Defaults live in @llm/usage. */
export const UsageSettingsSchema = z.strictObject({
  /** `jsonl` (default, under usage_data_dir) or `memory`. */
  store: z.enum(['jsonl', 'memory']).optional(),
  /** `batched` (default): recordUsage never waits on disk. `sync`: it resolves once the record is on disk. */
  durability: z.enum(['batched', 'sync']).optional(),
  /** Batched mode: write at least this often (ms)… */
  flush_interval: ms.optional(),
  /** …or as soon as this many records are pending. */
  batch_size: z.number().int().positive().optional(),
  /** Segments older than this are deleted by cleanup; older than `archive_after_days` are gzipped. */
  retention_days: z.number().int().positive().optional(),
  archive_after_days: z.number().int().positive().optional(),
});
export type UsageSettings = z.output<typeof UsageSettingsSchema>;

/** A spending limit. */
export const BudgetConfigSchema = z.strictObject({
  name: z.string().optional(),
  period: z.enum(['day', 'month']),
  /** What the limit counts: all calls, one provider, one model, or calls carrying a tag value. */
  scope: z.enum(['all', 'provider', 'model', 'tag']).default('all'),
  /** For scope provider/model: its name. For scope tag: `key=value`. */
  match: z.string().optional(),
  limit: z.number().positive(),
  /** Currency of `limit`; the display currency when absent. */
  currency: z.string().optional(),
  /** `warn` emits an event; `block` refuses the call before any network request. */
  action: z.enum(['warn', 'block']).default('warn'),
});
export type BudgetConfig = z.output<typeof BudgetConfigSchema>;

/** Currency handling: totals are shown in `display_currency` converted with `exchange_rates`. */
export const CurrencySettingsSchema = z.strictObject({
  display_currency: z.string().min(1).optional(),
  /**
   * How many units of each currency one unit of `display_currency` buys. With display `USD` and
   * `{ CNY = 7.1 }`, a cost of 7.1 CNY is shown as 1 USD. The display currency itself is 1.
   */
  exchange_rates: z.record(z.string(), z.number().positive()).optional(),
});
export type CurrencySettings = z.output<typeof CurrencySettingsSchema>;
