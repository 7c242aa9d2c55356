import type { TokenUsage, UsageRecord } from '@llm/core';
import type { PipelineEvents } from '@llm/retry';
import type { FallbackEvent, RouteEvent } from '@llm/router';
import type { BudgetStatus, LedgerProblem } from '@llm/usage';

/** A call arrived (before validation, routing or the cache). */
export interface CallStartEvent {
  readonly call_id: string;
  readonly request_id: string;
  readonly operation: 'chat' | 'embedding';
  readonly stream: boolean;
  readonly model: string;
  readonly provider?: string;
  /** The request as the caller gave it (for tracing attributes and debug logs; never stored by the manager). */
  readonly request?: unknown;
}

/** A call ended: how, where, how long, and what it used. */
export interface CallEndEvent {
  readonly call_id: string;
  readonly request_id: string;
  readonly operation: 'chat' | 'embedding';
  readonly stream: boolean;
  readonly provider: string;
  readonly model: string;
  /** `success`, or the error type (`aborted`, `budget_exceeded` for a caller's abort or a budget's refusal). */
  readonly outcome: string;
  readonly duration_ms: number;
  /** Provider requests the call made; 0 for a cache hit. */
  readonly attempts: number;
  readonly usage?: TokenUsage;
  readonly cost?: number;
  readonly currency?: string;
  readonly cost_decimal?: string;
  readonly error_type?: string;
  readonly error_message?: string;
  /** Of a stream: ms from the call's start to its first chunk. */
  readonly ttfc_ms?: number;
  /** True when the response cache answered. */
  readonly cache_hit?: boolean;
  readonly response_model?: string;
  readonly finish_reason?: string;
  /** The answer's text (shown only by subscribers that opt in to content). */
  readonly content?: string;
}

/** A response-cache lookup of a call; `key_hash` is the request's hash, never its content. */
export interface CacheLookupEvent {
  readonly call_id: string;
  readonly request_id: string;
  readonly model: string;
  readonly key_hash: string;
}

/** What the manager reports as it works; subscribe with `manager.on(name, listener)`. */
export interface ManagerEvents {
  'call-start': [event: CallStartEvent];
  'call-end': [event: CallEndEvent];
  /** The response cache answered a call (or it shared an identical call in flight). */
  'cache-hit': [event: CacheLookupEvent];
  /** A cacheable call was not in the cache and goes to a provider. */
  'cache-miss': [event: CacheLookupEvent];
  /** A call's ledger record (after pricing). */
  usage: [record: UsageRecord];
  /** Once per attempt of a call, before it is sent: the deployment, the strategy and why. */
  route: [event: RouteEvent];
  /** A call leaves one deployment for another (`from`, `to`, the error type that moved it). */
  fallback: [event: FallbackEvent];
  /** A failed attempt that will be retried. */
  retry: [event: PipelineEvents['retry']];
  /** A circuit breaker changed state. */
  'breaker-state': [event: PipelineEvents['breaker-state']];
  /** A local rate limit delayed or refused a call. */
  'rate-limited': [event: PipelineEvents['rate-limited']];
  /** A `warn` budget was exceeded. */
  'budget-warning': [status: BudgetStatus];
  /**
   * The usage ledger (`usage_data_dir`) cannot be written or read; calls go on, records are kept in
   * memory and retried, budgets still count them. Emitted once until writing works again.
   */
  'ledger-degraded': [problem: LedgerProblem];
  /** A new config was applied (hot reload or API). */
  'config-change': [
    event: { added: string[]; removed: string[]; modified: string[]; source: string },
  ];
  /** A new config was rejected; the previous one stays active. */
  'config-error': [error: Error];
}
