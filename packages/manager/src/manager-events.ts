import type { LLMError, UsageRecord } from '@llm/core';

/** What the manager reports as it works; subscribe with `manager.on(name, listener)`. */
export interface ManagerEvents {
  /** A call's ledger record (after pricing). */
  usage: [record: UsageRecord];
  /** A failed attempt that will be retried. */
  retry: [event: { provider: string; attempt: number; error: LLMError; delayMs: number }];
  /** A circuit breaker changed state. */
  'breaker-state': [event: { provider: string; model?: string; from: string; to: string }];
  /** A `warn` budget was exceeded. */
  'budget-warning': [event: Record<string, unknown>];
  /** A new config was applied (hot reload or API). */
  'config-change': [event: { added: string[]; removed: string[]; modified: string[]; source: string }];
  /** A new config was rejected; the previous one stays active. */
  'config-error': [error: Error];
}
