import * as z from './zod-subset';
import { CostBreakdownSchema } from './token-usage';
import { UsageTagsSchema } from './request';

const tokenCount = z.number().int().nonnegative();

/** One call as the ledger keeps it (UsageRecord of the public API). */
export const UsageRecordSchema = z.object({
  model_name: z.string(),
  provider_name: z.string(),
  /** Epoch milliseconds when the call started. */
  timestamp: z.number(),
  request_id: z.string(),
  prompt_tokens: tokenCount,
  completion_tokens: tokenCount,
  total_tokens: tokenCount,
  cached_tokens: tokenCount.optional(),
  cache_write_tokens: tokenCount.optional(),
  cache_write_1h_tokens: tokenCount.optional(),
  reasoning_tokens: tokenCount.optional(),
  /** Undefined when no price was known (`pricing_missing`), never a made-up 0. */
  cost: z.number().nonnegative().optional(),
  /** Exact decimal form of `cost`; sums use it. */
  cost_decimal: z.string().optional(),
  currency: z.string().optional(),
  cost_breakdown: CostBreakdownSchema.optional(),
  pricing_missing: z.boolean().optional(),
  estimated: z.boolean().optional(),
  success: z.boolean(),
  /**
   * Why the call failed: an LLMErrorType, or `aborted` (the caller aborted it) or `budget_exceeded`
   * (a `block` budget refused it before dispatch).
   */
  error_type: z.string().optional(),
  /**
   * The LLMError's `code`, when it had one: `aborted`, `budget_exceeded`, `budget_unpriced`,
   * `validation_failed` (refused by client-side validation before dispatch), or a provider's code.
   */
  error_code: z.string().optional(),
  error_message: z.string().optional(),
  /** Wall time of the call in ms. */
  response_time: z.number().nonnegative(),
  stream: z.boolean().optional(),
  /** `chat` or `embedding`. */
  operation: z.string().optional(),
  /** The provider's own request id, when it sent one. */
  provider_request_id: z.string().optional(),
  /**
   * Provider requests the call made. Per-attempt records (those with `call_id`) each stand for one
   * request; the final one carries the call's total here.
   */
  attempts: z.number().int().positive().optional(),
  /**
   * The call this record belongs to. A routed call writes one record per provider request that
   * reached a provider, all with the same `call_id`; a record without one is a whole call.
   */
  call_id: z.string().optional(),
  /** 1-based number of this provider request within its call (retries and failovers counted). */
  attempt: z.number().int().positive().optional(),
  /** `success` or the error type this attempt ended with. */
  outcome: z.string().optional(),
  /**
   * True on the attempt that ended the call (the one that answered, or the last one tried). Summaries
   * count a call once, at its final record; the other attempts count as attempts only.
   */
  final: z.boolean().optional(),
  tags: UsageTagsSchema.optional(),
  /**
   * True when the response cache answered: no provider request was made, so the tokens above are 0
   * and `cost` is 0; what the stored answer cost when it was made is in the `saved_*` fields.
   */
  cache_hit: z.boolean().optional(),
  /** Of a cache hit: the prompt tokens the stored answer used (not sent again). */
  saved_prompt_tokens: tokenCount.optional(),
  /** Of a cache hit: the completion tokens the stored answer used (not generated again). */
  saved_completion_tokens: tokenCount.optional(),
  /** Of a cache hit: what the stored answer cost, in `currency`; undefined when it was unpriced. */
  saved_cost: z.number().nonnegative().optional(),
  /** Exact decimal form of `saved_cost`; sums use it. */
  saved_cost_decimal: z.string().optional(),
});
export type UsageRecord = z.output<typeof UsageRecordSchema>;

/** Aggregates over a set of records (UsageSummary of the public API). */
export const UsageSummarySchema = z.object({
  model_name: z.string(),
  provider_name: z.string(),
  /** The value of the grouping key (model, provider, day `YYYY-MM-DD`, hour, or tag value). */
  group: z.string().optional(),
  total_requests: z.number().int().nonnegative(),
  successful_requests: z.number().int().nonnegative(),
  /**
   * Calls the provider or the network failed. Calls the caller aborted, calls a budget refused and
   * calls refused by client-side validation are counted apart (below), never here.
   */
  failed_requests: z.number().int().nonnegative(),
  /** Calls the caller aborted (`error_type: "aborted"`), a stream the consumer stopped included. */
  aborted_requests: z.number().int().nonnegative().optional(),
  /** Calls a `block` budget refused before dispatch (`error_code` `budget_exceeded` / `budget_unpriced`). */
  blocked_requests: z.number().int().nonnegative().optional(),
  /** Calls refused by client-side validation before dispatch (`error_code: "validation_failed"`). */
  rejected_requests: z.number().int().nonnegative().optional(),
  total_prompt_tokens: z.number().int().nonnegative(),
  total_completion_tokens: z.number().int().nonnegative(),
  total_tokens: z.number().int().nonnegative(),
  total_cached_tokens: z.number().int().nonnegative().optional(),
  total_cache_write_tokens: z.number().int().nonnegative().optional(),
  total_reasoning_tokens: z.number().int().nonnegative().optional(),
  total_cost: z.number().nonnegative(),
  /** Exact decimal form of `total_cost`. */
  total_cost_decimal: z.string().optional(),
  currency: z.string().optional(),
  /** Records whose cost could not be computed (no price known). */
  unpriced_requests: z.number().int().nonnegative().optional(),
  /**
   * Provider requests of the group's records, retries and failovers included (a call without
   * per-attempt records counts its `attempts`, else 1). `total_requests` counts calls.
   */
  total_attempts: z.number().int().nonnegative().optional(),
  /** Attempts that ended in an error (a failover's earlier attempts, a failed call's last one). */
  failed_attempts: z.number().int().nonnegative().optional(),
  /**
   * What the failed attempts cost (tokens a provider billed before it failed, often estimated), in
   * `currency`; already part of `total_cost`.
   */
  failed_attempts_cost: z.number().nonnegative().optional(),
  /** Exact decimal form of `failed_attempts_cost`. */
  failed_attempts_cost_decimal: z.string().optional(),
  average_response_time: z.number().nonnegative(),
  /** Calls the response cache answered (counted in `total_requests`; their tokens are not in the totals). */
  cache_hits: z.number().int().nonnegative().optional(),
  /** Tokens the cache hits did not send to a provider (prompt + completion of the stored answers). */
  total_saved_tokens: z.number().int().nonnegative().optional(),
  /** What the cache hits would have cost, in `currency`. */
  total_saved_cost: z.number().nonnegative().optional(),
  /** Exact decimal form of `total_saved_cost`. */
  total_saved_cost_decimal: z.string().optional(),
  first_request_time: z.number(),
  last_request_time: z.number(),
});
export type UsageSummary = z.output<typeof UsageSummarySchema>;

/** Epoch-millisecond bounds; `start` inclusive, `end` exclusive. Either may be open. */
export const TimeRangeSchema = z.object({
  start: z.number().optional(),
  end: z.number().optional(),
});
export type TimeRange = z.output<typeof TimeRangeSchema>;

export const UsageGroupBySchema = z.union([
  z.enum(['model', 'provider', 'day', 'hour', 'none']),
  z.templateLiteral(['tag:', z.string()]),
]);
export type UsageGroupBy = z.output<typeof UsageGroupBySchema>;

export const UsageFilterSchema = z.object({
  time_range: TimeRangeSchema.optional(),
  provider_name: z.string().optional(),
  model_name: z.string().optional(),
  success: z.boolean().optional(),
  /** Every given tag must match. */
  tags: UsageTagsSchema.optional(),
  /** Default `model` (one summary per provider + model, the documented default). */
  group_by: UsageGroupBySchema.optional(),
});
export type UsageFilter = z.output<typeof UsageFilterSchema>;
