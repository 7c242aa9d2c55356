import type { BudgetGuard } from '@llm/usage';
import type { LLMManager } from './llm-manager';
import type { ProviderEntry } from './provider-runtime';

/** Forwards the events of newly built pipelines and of the budget guard to the manager. */
export function wireEvents(
  manager: LLMManager,
  entries: ReadonlyMap<string, ProviderEntry>,
  previous: ReadonlyMap<string, ProviderEntry> | undefined,
  budgets: BudgetGuard | undefined,
): void {
  for (const [name, entry] of entries) {
    if (previous?.get(name) === entry) continue;
    entry.pipeline.on('retry', (event) => manager.emit('retry', event));
    entry.pipeline.on('breaker-state', (event) => manager.emit('breaker-state', event));
    entry.pipeline.on('rate-limited', (event) => manager.emit('rate-limited', event));
  }
  budgets?.on('warn', (status) => manager.emit('budget-warning', status));
}
