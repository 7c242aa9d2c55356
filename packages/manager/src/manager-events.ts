import type { UsageRecord } from '@llm/core';
import type { PipelineEvents } from '@llm/retry';
import type { FallbackEvent, RouteEvent } from '@llm/router';
import type { BudgetStatus, LedgerProblem } from '@llm/usage';

/** What the manager reports as it works; subscribe with `manager.on(name, listener)`. */
export interface ManagerEvents {
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
