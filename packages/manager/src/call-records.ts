// What one call writes and reports when it ends: a ledger record per provider request (the final
// one standing for the call) and the call-end event with its exact costs per currency.
import type { LLMError, TokenUsage, UsageTags } from '@llm/core';
import { Decimal, type CallFacts } from '@llm/usage';
import type { CallAttemptState } from './call-attempt';
import type { CallCost, CallEndEvent, CallOperation } from './manager-events';
import { failureKind } from './request-checks';

/** The fields of a ledger record that say how a call or an attempt ended. */
export interface RecordOutcome {
  success: boolean;
  usage?: TokenUsage;
  errorType?: string;
  errorCode?: string;
  errorMessage?: string;
  providerRequestId?: string;
}

/** What the call answered, for the `call-end` event (tracing, the call log, debug logs). */
export interface AnswerFacts {
  readonly response_model?: string;
  readonly finish_reason?: string;
  readonly content?: string;
}

/** What a call's records and its call-end event say of the call itself (the call session). */
export interface RecordedCall {
  readonly callId: string;
  readonly requestId: string;
  readonly startedAt: number;
  readonly stream: boolean;
  readonly operation: CallOperation;
  readonly tags: UsageTags | undefined;
  /** The provider and model a record without an attempt names. */
  readonly providerLabel: string;
  readonly modelLabel: string;
  /** Provider requests the call made. */
  readonly attemptCount: number;
  /** When the call's first chunk arrived (streams). */
  readonly firstChunkAt: number | undefined;
}

/** A failed attempt the call went on from, as its (not final) record says it ended. */
export function attemptOutcome(attempt: CallAttemptState): RecordOutcome {
  return {
    success: false,
    usage: attempt.usage,
    errorType: attempt.outcome,
    errorCode: attempt.error?.code,
    errorMessage: attempt.error?.message,
    providerRequestId: attempt.error?.requestId,
  };
}

/** A call that failed with `error`, as its final record says it ended. */
export function failureOutcome(error: LLMError, usage: TokenUsage | undefined): RecordOutcome {
  return {
    success: false,
    usage,
    errorType: failureKind(error),
    errorCode: error.code,
    errorMessage: error.message,
    providerRequestId: error.requestId,
  };
}

/** The exact cost of a priced record, with its currency; undefined for unpriced usage. */
export function recordCost(
  usage: TokenUsage | undefined,
): readonly [currency: string, cost: string] | undefined {
  const cost = usage?.cost_breakdown?.total_decimal;
  const currency = usage?.currency ?? usage?.cost_breakdown?.currency;
  return cost !== undefined && currency !== undefined ? [currency, cost] : undefined;
}

/**
 * The facts of one ledger record: an earlier attempt's own (its deployment, start and duration),
 * or, for the final record, the call's (its start and wall time, and how many attempts it made).
 */
export function recordFacts(
  call: RecordedCall,
  facts: RecordOutcome,
  attempt: CallAttemptState | undefined,
  final: boolean,
  now: number,
): CallFacts {
  // Built field by field: this runs for every record of every call.
  const record: CallFacts = {
    provider: attempt?.provider ?? call.providerLabel,
    model: attempt?.model ?? call.modelLabel,
    requestId: call.requestId,
    callId: call.callId,
    final,
    timestamp: final ? call.startedAt : attempt!.startedAt,
    responseTime: final ? now - call.startedAt : (attempt!.endedAt ?? now) - attempt!.startedAt,
    success: facts.success,
    usage: facts.usage,
    errorType: facts.errorType,
    errorCode: facts.errorCode,
    errorMessage: facts.errorMessage,
    providerRequestId: facts.providerRequestId,
    stream: call.stream,
    operation: call.operation,
    tags: call.tags,
  };
  if (attempt) {
    record.attempt = attempt.number;
    record.outcome = attempt.outcome;
  } else if (final) record.outcome = facts.success ? 'success' : facts.errorType;
  if (final && call.attemptCount > 0) record.attempts = call.attemptCount;
  return record;
}

/**
 * Exact per-currency sums of a call's costs, in the order the currencies first appeared. A call
 * priced once (the common case) needs no decimal arithmetic: its one cost is the sum.
 */
export function costsByCurrency(costs: ReadonlyArray<readonly [string, string]>): CallCost[] {
  if (costs.length === 1) {
    const [currency, cost] = costs[0]!;
    return [{ currency, cost: Number(cost), cost_decimal: cost }];
  }
  const sums = new Map<string, Decimal>();
  for (const [currency, cost] of costs) {
    const sum = sums.get(currency);
    sums.set(currency, sum ? sum.plus(Decimal.from(cost)) : Decimal.from(cost));
  }
  return [...sums].map(([currency, sum]) => ({
    currency,
    cost: sum.toNumber(),
    cost_decimal: sum.toString(),
  }));
}

/** The call-end event: how the call ended, what it cost in every currency, its answer or error. */
export function callEndEvent(
  call: RecordedCall,
  facts: RecordOutcome,
  attempt: CallAttemptState | undefined,
  outcome: string,
  answer: AnswerFacts | undefined,
  costs: ReadonlyArray<readonly [string, string]>,
  now: number,
): CallEndEvent {
  // Assigned, not spread: a spread of a conditional `{}` costs an object and a clone per call.
  const event: { -readonly [K in keyof CallEndEvent]: CallEndEvent[K] } = {
    call_id: call.callId,
    request_id: call.requestId,
    operation: call.operation,
    stream: call.stream,
    provider: attempt?.provider ?? call.providerLabel,
    model: attempt?.model ?? call.modelLabel,
    outcome,
    duration_ms: Math.max(0, now - call.startedAt),
    attempts: call.attemptCount,
  };
  if (facts.usage) event.usage = facts.usage;
  const sums = costsByCurrency(costs);
  const first = sums[0];
  if (first) {
    event.cost = first.cost;
    event.cost_decimal = first.cost_decimal;
    event.currency = first.currency;
    event.costs = sums;
  }
  if (!facts.success) {
    event.error_type = facts.errorType;
    event.error_message = facts.errorMessage;
  } else if (answer) Object.assign(event, answer);
  if (call.firstChunkAt !== undefined) event.ttfc_ms = call.firstChunkAt - call.startedAt;
  return event;
}
