import type { TokenUsage, UsageRecord } from '@llm/core';
import { Decimal } from '../money/decimal';

/** The facts of one finished call (successful, failed or aborted) that the ledger keeps. */
export interface CallFacts {
  provider: string;
  model: string;
  requestId: string;
  /** Epoch ms when the call started. */
  timestamp: number;
  /** Wall time of the call in ms. */
  responseTime: number;
  /** Usage known for the call (priced by the CostCalculator); absent when the call failed before any. */
  usage?: TokenUsage;
  success: boolean;
  errorType?: string;
  /** The LLMError's `code` (`aborted`, `budget_exceeded`, `validation_failed`, a provider's code). */
  errorCode?: string;
  errorMessage?: string;
  stream?: boolean;
  operation?: 'chat' | 'embedding';
  providerRequestId?: string;
  attempts?: number;
  /** Per-attempt records: the call's id, this attempt's 1-based number, how it ended, and whether it ended the call. */
  callId?: string;
  attempt?: number;
  outcome?: string;
  final?: boolean;
  tags?: Record<string, string>;
  /**
   * The response cache answered: `usage` is then the stored answer's priced usage, recorded as
   * saved (`saved_*`) with zero tokens and cost 0 for the call itself.
   */
  cacheHit?: boolean;
}

/**
 * Bounds on what one record stores, whatever a caller passed: a record (and the rollup index that
 * names its model and provider) stays small even when a request carried a huge or malformed value.
 */
export const USAGE_RECORD_LIMITS = {
  /** model_name, provider_name, request_id, provider_request_id, error_type, error_code, currency, operation, call_id, outcome. */
  name: 256,
  /** Error messages are for people reading the ledger; a whole provider error body is not needed. */
  errorMessage: 500,
  tagKey: 64,
  tagValue: 256,
  tags: 32,
} as const;

const TRUNCATED = '…';

/** `value` as text of at most `max` characters (cut ones end in `…`); non-strings are described. */
function boundedText(value: unknown, max: number): string {
  const text = typeof value === 'string' ? value : describe(value);
  return text.length <= max ? text : `${text.slice(0, max - TRUNCATED.length)}${TRUNCATED}`;
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'object') return Array.isArray(value) ? 'array' : 'object';
  return String(value);
}

/**
 * Tags as the ledger keeps them: string keys to string values only (anything else — a string, an
 * array, a number value — is not a tag and is dropped), keys and values bounded, at most 32 tags.
 * Undefined when no tag is left.
 */
export function boundedTags(tags: unknown): Record<string, string> | undefined {
  if (typeof tags !== 'object' || tags === null || Array.isArray(tags)) return undefined;
  const kept: Record<string, string> = {};
  let count = 0;
  for (const [key, value] of Object.entries(tags)) {
    if (typeof value !== 'string' || key === '') continue;
    kept[boundedText(key, USAGE_RECORD_LIMITS.tagKey)] = boundedText(
      value,
      USAGE_RECORD_LIMITS.tagValue,
    );
    if (++count >= USAGE_RECORD_LIMITS.tags) break;
  }
  return count > 0 ? kept : undefined;
}

const NAME_FIELDS = [
  'model_name',
  'provider_name',
  'request_id',
  'provider_request_id',
  'error_type',
  'error_code',
  'currency',
  'operation',
  'call_id',
  'outcome',
] as const;

function isBoundedTags(tags: unknown): boolean {
  if (typeof tags !== 'object' || tags === null || Array.isArray(tags)) return false;
  let count = 0;
  for (const key in tags) {
    if (!Object.prototype.hasOwnProperty.call(tags, key)) continue;
    const value = (tags as Record<string, unknown>)[key];
    if (
      key === '' ||
      key.length > USAGE_RECORD_LIMITS.tagKey ||
      typeof value !== 'string' ||
      value.length > USAGE_RECORD_LIMITS.tagValue ||
      ++count > USAGE_RECORD_LIMITS.tags
    )
      return false;
  }
  return count > 0;
}

/** Whether a stored name field is missing, or a string within the name limit. */
function isBoundedName(value: unknown): boolean {
  return (
    value === undefined || (typeof value === 'string' && value.length <= USAGE_RECORD_LIMITS.name)
  );
}

/**
 * The record with every stored string within `USAGE_RECORD_LIMITS` and its tags string → string.
 * The record itself when it already is (the common case costs a few length checks, no copy, no
 * closure: it runs on every record, once when built and once when the tracker receives it).
 */
export function boundUsageRecord(record: UsageRecord): UsageRecord {
  const fields = record as unknown as Record<string, unknown>;
  let overName = false;
  for (let index = 0; index < NAME_FIELDS.length; index++)
    if (!isBoundedName(fields[NAME_FIELDS[index]!])) {
      overName = true;
      break;
    }
  const message = record.error_message;
  const overMessage =
    message !== undefined &&
    (typeof message !== 'string' || message.length > USAGE_RECORD_LIMITS.errorMessage);
  const badTags = record.tags !== undefined && !isBoundedTags(record.tags);
  if (!overName && !overMessage && !badTags) return record;
  const bounded: Record<string, unknown> = { ...record };
  for (const field of NAME_FIELDS)
    if (fields[field] !== undefined)
      bounded[field] = boundedText(fields[field], USAGE_RECORD_LIMITS.name);
  if (message !== undefined)
    bounded.error_message = boundedText(message, USAGE_RECORD_LIMITS.errorMessage);
  const tags = boundedTags(record.tags);
  if (tags) bounded.tags = tags;
  else delete bounded.tags;
  return bounded as unknown as UsageRecord;
}

/**
 * The UsageRecord of a call. Costs are copied from the priced usage: `cost` for display and
 * `cost_decimal` (exact) for sums. A call without usage records zero tokens and no cost. Strings
 * are bounded and tags kept only as string → string (see `boundUsageRecord`): the facts may come
 * from a request that was never validated.
 */
export function usageRecordFromCall(call: CallFacts): UsageRecord {
  if (call.cacheHit) return cacheHitRecord(call);
  const usage = call.usage;
  const record: UsageRecord = {
    model_name: call.model,
    provider_name: call.provider,
    timestamp: call.timestamp,
    request_id: call.requestId,
    prompt_tokens: usage?.prompt_tokens ?? 0,
    completion_tokens: usage?.completion_tokens ?? 0,
    total_tokens: usage?.total_tokens ?? 0,
    success: call.success,
    response_time: Math.max(0, call.responseTime),
  };
  if (usage?.cached_tokens !== undefined) record.cached_tokens = usage.cached_tokens;
  if (usage?.cache_write_tokens !== undefined) record.cache_write_tokens = usage.cache_write_tokens;
  if (usage?.cache_write_1h_tokens !== undefined)
    record.cache_write_1h_tokens = usage.cache_write_1h_tokens;
  if (usage?.reasoning_tokens !== undefined) record.reasoning_tokens = usage.reasoning_tokens;
  if (usage?.cost !== undefined) {
    record.cost = usage.cost;
    record.cost_decimal =
      usage.cost_breakdown?.total_decimal ?? Decimal.from(usage.cost).toString();
    record.currency = usage.currency ?? usage.cost_breakdown?.currency;
  }
  if (usage?.cost_breakdown) record.cost_breakdown = usage.cost_breakdown;
  if (usage?.pricing_missing) record.pricing_missing = true;
  if (usage?.estimated) record.estimated = true;
  if (call.errorType !== undefined) record.error_type = call.errorType;
  if (call.errorCode !== undefined) record.error_code = call.errorCode;
  if (call.errorMessage !== undefined) record.error_message = call.errorMessage;
  if (call.stream !== undefined) record.stream = call.stream;
  if (call.operation !== undefined) record.operation = call.operation;
  if (call.providerRequestId !== undefined) record.provider_request_id = call.providerRequestId;
  if (call.attempts !== undefined) record.attempts = call.attempts;
  if (call.callId !== undefined) record.call_id = call.callId;
  if (call.attempt !== undefined) record.attempt = call.attempt;
  if (call.outcome !== undefined) record.outcome = call.outcome;
  if (call.final !== undefined) record.final = call.final;
  const tags = boundedTags(call.tags);
  if (tags) record.tags = tags;
  return boundUsageRecord(record);
}

/** A call the response cache answered: nothing processed by a provider, the stored answer's usage as saved. */
function cacheHitRecord(call: CallFacts): UsageRecord {
  const { usage, ...rest } = call;
  const record = usageRecordFromCall({ ...rest, cacheHit: false });
  record.cache_hit = true;
  if (usage) {
    record.saved_prompt_tokens = usage.prompt_tokens;
    record.saved_completion_tokens = usage.completion_tokens;
    const currency = usage.currency ?? usage.cost_breakdown?.currency;
    if (currency !== undefined) {
      record.cost = 0;
      record.cost_decimal = '0';
      record.currency = currency;
    }
    if (usage.cost !== undefined) {
      record.saved_cost = usage.cost;
      record.saved_cost_decimal =
        usage.cost_breakdown?.total_decimal ?? Decimal.from(usage.cost).toString();
    }
  }
  return record;
}
