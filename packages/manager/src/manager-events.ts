import type { HealthStatus, TokenUsage, UsageRecord } from '@llm/core';
import type { PipelineEvents } from '@llm/retry';
import type { FallbackEvent, RouteEvent } from '@llm/router';
import type { BudgetStatus, LedgerProblem } from '@llm/usage';

/** What kind of call an event belongs to. */
export type CallOperation = 'chat' | 'embedding';

/**
 * Which call (and which attempt of it) an event of a pipeline or of the router belongs to. Present
 * when the event happened while a call was running; a breaker that changes state on its own
 * timer, for one, belongs to no call.
 */
export interface CallEventContext {
  readonly call_id?: string;
  readonly request_id?: string;
  readonly provider?: string;
  readonly model?: string;
  /** 1-based provider request of the call (retries and failovers counted). */
  readonly attempt?: number;
}

/** A call arrived (before validation, so `model` is what the request named). */
export interface CallStartEvent {
  readonly call_id: string;
  readonly request_id: string;
  readonly operation: CallOperation;
  readonly stream: boolean;
  /** The model as requested: a logical model, a `provider/model` pair or a plain name. */
  readonly model: string;
  /** The provider the request named, if it named one. */
  readonly provider?: string;
  /** The request as the caller gave it (for tracing attributes and debug logs; never stored by the manager). */
  readonly request?: unknown;
}

/** One provider request of a call is about to be sent. */
export interface AttemptStartEvent {
  readonly call_id: string;
  readonly request_id: string;
  readonly attempt: number;
  readonly provider: string;
  readonly model: string;
  /**
   * The request as this deployment gets it (by reference, never copied: read it, do not change
   * it). For debug logs; it may hold message content, never the provider's key.
   */
  readonly request?: unknown;
}

/** One provider request of a call ended. */
export interface AttemptEndEvent extends Omit<AttemptStartEvent, 'request'> {
  /** `success` or the error type. */
  readonly outcome: string;
  readonly duration_ms: number;
  /** The HTTP status of a failure, when the provider sent one. */
  readonly status?: number;
  readonly error_type?: string;
  /** Streams: milliseconds from sending the request to the first chunk. */
  readonly ttfc_ms?: number;
  /** The answer of a successful non-streaming attempt (the provider's LLMResponse, by reference). */
  readonly response?: unknown;
}

/** A call ended: answered, failed, refused, or (streams) stopped by the consumer. */
export interface CallEndEvent {
  readonly call_id: string;
  readonly request_id: string;
  readonly operation: CallOperation;
  readonly stream: boolean;
  /** The provider that answered, or the last one tried (`(none)` when the call reached none). */
  readonly provider: string;
  /** The model that answered, or the last one tried (what the request named when none was). */
  readonly model: string;
  /** `success` or the error type (`aborted` for a caller's abort or a stream the consumer left). */
  readonly outcome: string;
  readonly duration_ms: number;
  /** Provider requests the call made, every retry and failover included. */
  readonly attempts: number;
  /** The priced usage of the answer (or of what a failed call is known to have used). */
  readonly usage?: TokenUsage;
  /**
   * What every attempt of the call priced in `currency` cost, failed ones included: the first
   * currency the call was priced in (see `costs` for all of them).
   */
  readonly cost?: number;
  readonly currency?: string;
  /** Exact decimal form of `cost`. */
  readonly cost_decimal?: string;
  /**
   * What the call's attempts cost in every currency they were priced in (failing over between
   * deployments billed in different currencies gives one entry each), in the order they appeared;
   * `cost_decimal` is exact, `cost` its number for display.
   */
  readonly costs?: readonly CallCost[];
  readonly error_type?: string;
  readonly error_message?: string;
  /** Streams: milliseconds from the call's start to the first chunk the caller got. */
  readonly ttfc_ms?: number;
  /** True when the response cache answered (then `attempts` is 0 and `cost` 0). */
  readonly cache_hit?: boolean;
  /** The model name the provider's answer carried. */
  readonly response_model?: string;
  readonly finish_reason?: string;
  /** The answer's text (shown only by subscribers that opt in to content). */
  readonly content?: string;
}

/** What a call cost in one currency. */
export interface CallCost {
  readonly currency: string;
  readonly cost: number;
  readonly cost_decimal: string;
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
  /** A ledger record (after pricing): one per attempt that reached a provider, or one for a refused call. */
  usage: [record: UsageRecord];
  /** The response cache answered a call (or it shared an identical call in flight). */
  'cache-hit': [event: CacheLookupEvent];
  /** A cacheable call was not in the cache and goes to a provider. */
  'cache-miss': [event: CacheLookupEvent];
  'call-start': [event: CallStartEvent];
  'attempt-start': [event: AttemptStartEvent];
  'attempt-end': [event: AttemptEndEvent];
  'call-end': [event: CallEndEvent];
  /** Once per deployment a call goes to, before it is sent: the deployment, the strategy and why. */
  route: [event: RouteEvent & CallEventContext];
  /** A call leaves one deployment for another (`from`, `to`, the error type that moved it). */
  fallback: [event: FallbackEvent & CallEventContext];
  /** A failed attempt that will be retried on the same deployment. */
  retry: [event: PipelineEvents['retry'] & CallEventContext];
  /** A deployment's retries are spent: its pipeline gives up and the router decides what is next. */
  'give-up': [event: PipelineEvents['give-up'] & CallEventContext];
  /** An attempt, a first chunk or a gap between chunks ran out of time. */
  timeout: [event: PipelineEvents['timeout'] & CallEventContext];
  /** A circuit breaker changed state. */
  'breaker-state': [event: PipelineEvents['breaker-state'] & CallEventContext];
  /** A local rate limit delayed or refused a call. */
  'rate-limited': [event: PipelineEvents['rate-limited'] & CallEventContext];
  /** The adaptive rate limiter changed the rate it allows. */
  'rate-adjusted': [event: PipelineEvents['rate-adjusted']];
  /** A background health check round (`[llm.routing] health_check_interval`) finished. */
  'health-check': [status: HealthStatus];
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

/** Emits one manager event; what a call uses to report, without holding the manager itself. */
export type EmitManagerEvent = <Name extends keyof ManagerEvents>(
  event: Name,
  ...payload: ManagerEvents[Name]
) => void;
