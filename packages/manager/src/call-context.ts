import { randomUUID } from 'node:crypto';
import type { CallOptions, UsageTags } from '@llm/core';

/** Options of one manager call: the provider's CallOptions plus attribution tags. */
export interface ManagerCallOptions extends CallOptions {
  /** Labels recorded with the usage (merged over `request.tags`). */
  tags?: UsageTags;
  /** Our id for this call, written to the ledger; generated when absent. */
  requestId?: string;
}

export function newRequestId(options?: ManagerCallOptions): string {
  return options?.requestId ?? randomUUID();
}

export function mergeTags(
  requestTags: UsageTags | undefined,
  options?: ManagerCallOptions,
): UsageTags | undefined {
  if (!requestTags && !options?.tags) return undefined;
  return { ...requestTags, ...options?.tags };
}

/** The attempt counter a pipeline call reports back through. */
export class AttemptCounter {
  count = 0;
  see(attempt: number): void {
    this.count = Math.max(this.count, attempt);
  }
}
