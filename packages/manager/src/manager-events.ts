import type {
  AttemptEndEvent,
  AttemptStartEvent,
  CacheLookupEvent,
  CallEndEvent,
  CallEventContext,
  CallStartEvent,
  HealthStatus,
  StreamEventSkippedInfo,
  UsageRecord,
} from '@llm/core';
import type { PipelineEvents } from '@llm/retry';
import type { FallbackEvent, RouteEvent } from '@llm/router';
import type { BudgetStatus, LedgerProblem } from '@llm/usage';

// The call-lifecycle payloads are declared once, in core, where telemetry reads them too.
export type {
  AttemptEndEvent,
  AttemptStartEvent,
  CacheLookupEvent,
  CallCost,
  CallEndEvent,
  CallEventContext,
  CallOperation,
  CallStartEvent,
} from '@llm/core';

/** A pipeline's or the router's event as users get it: the call's fields instead of its `origin`. */
type Named<Event> = Omit<Event, 'origin'> & CallEventContext;

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
  fallback: [event: Named<FallbackEvent>];
  /** A failed attempt that will be retried on the same deployment. */
  retry: [event: Named<PipelineEvents['retry']>];
  /** A deployment's retries are spent: its pipeline gives up and the router decides what is next. */
  'give-up': [event: Named<PipelineEvents['give-up']>];
  /** An attempt, a first chunk or a gap between chunks ran out of time. */
  timeout: [event: Named<PipelineEvents['timeout']>];
  /**
   * A stream event the provider could not parse was skipped and the stream went on (it still fails
   * if it then ends without a finish): which call and attempt, the event's index, why, an excerpt.
   */
  'stream-event-skipped': [event: StreamEventSkippedInfo & CallEventContext];
  /** A circuit breaker changed state. */
  'breaker-state': [event: Named<PipelineEvents['breaker-state']>];
  /** A local rate limit delayed or refused a call. */
  'rate-limited': [event: Named<PipelineEvents['rate-limited']>];
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

/** Where a call reports its events and asks whether anyone listens (the manager's own emitter). */
export interface ManagerEventSink {
  emit<Name extends keyof ManagerEvents>(event: Name, ...payload: ManagerEvents[Name]): unknown;
  listenerCount(event: keyof ManagerEvents): number;
}
