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
  errorMessage?: string;
  stream?: boolean;
  operation?: 'chat' | 'embedding';
  providerRequestId?: string;
  attempts?: number;
  tags?: Record<string, string>;
}

/** Error messages are for people reading the ledger; a whole provider error body is not needed. */
const MAX_ERROR_MESSAGE_LENGTH = 500;

/**
 * The UsageRecord of a call. Costs are copied from the priced usage: `cost` for display and
 * `cost_decimal` (exact) for sums. A call without usage records zero tokens and no cost.
 */
export function usageRecordFromCall(call: CallFacts): UsageRecord {
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
  if (call.errorMessage !== undefined)
    record.error_message = call.errorMessage.slice(0, MAX_ERROR_MESSAGE_LENGTH);
  if (call.stream !== undefined) record.stream = call.stream;
  if (call.operation !== undefined) record.operation = call.operation;
  if (call.providerRequestId !== undefined) record.provider_request_id = call.providerRequestId;
  if (call.attempts !== undefined) record.attempts = call.attempts;
  if (call.tags && Object.keys(call.tags).length > 0) record.tags = { ...call.tags };
  return record;
}
