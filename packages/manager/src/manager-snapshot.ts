import { LLMError } from '@llm/core';
import { ConfigError, type LLMConfig } from '@llm/config';
import type { Router } from '@llm/router';
import { createBudgetGuard, type BudgetGuard, type UsageTracker } from '@llm/usage';
import {
  buildProviderEntries,
  type ProviderEntry,
  type RuntimeDependencies,
} from './provider-runtime';
import type { DeploymentHealthMonitor } from './deployment-health';
import { createSnapshotRouter } from './route-call';

/**
 * Everything a call reads, built from one config and never changed afterwards: the config, the
 * enabled providers with their resilience pipelines, the router over them, and the budget guard. A reload builds a new
 * snapshot and swaps it in with one assignment, so a call sees either the old state or the new one,
 * never a mix; a call keeps the snapshot it started with until it ends.
 */
export interface ManagerSnapshot {
  readonly config: LLMConfig;
  /** The enabled providers by name, in config order. */
  readonly providers: ReadonlyMap<string, ProviderEntry>;
  /** Resolves a request's model to deployments and plans each call's attempts across them. */
  readonly router: Router;
  /** Undefined when no budget is configured or usage tracking is off. */
  readonly budgets: BudgetGuard | undefined;
}

export interface SnapshotDependencies extends RuntimeDependencies {
  /** Each deployment's last health check, read by the router; kept across reloads. */
  readonly health?: DeploymentHealthMonitor;
  /** Until when each benched API key rests; kept across reloads. */
  readonly benchedKeys?: Map<string, number>;
  /** The ledger budgets read their spending from; budgets need usage tracking. */
  readonly tracker: UsageTracker | undefined;
  /** Fixed at start: the currency budgets without one are counted in. */
  readonly displayCurrency?: string;
  readonly exchangeRates?: Readonly<Record<string, number>>;
}

/**
 * Builds the snapshot of `config`. Providers whose settings are unchanged since `previous` are
 * reused, so a reload keeps their connections, limiter state and breakers. A provider that cannot
 * be built fails the whole snapshot with a ConfigError or LLMError, and nothing is swapped.
 */
export async function buildSnapshot(
  config: LLMConfig,
  dependencies: SnapshotDependencies,
  previous?: ManagerSnapshot,
): Promise<ManagerSnapshot> {
  let providers: ReadonlyMap<string, ProviderEntry>;
  try {
    providers = await buildProviderEntries(config, dependencies, previous?.providers);
  } catch (error) {
    throw asStartupError(error);
  }
  const { tracker } = dependencies;
  const budgets =
    tracker && config.budgets?.length
      ? createBudgetGuard({
          budgets: config.budgets,
          tracker,
          clock: dependencies.clock,
          displayCurrency: dependencies.displayCurrency,
          exchangeRates: dependencies.exchangeRates,
        })
      : undefined;
  const router = createSnapshotRouter(config, providers, dependencies);
  return Object.freeze({ config, providers, router, budgets });
}

/** A provider factory or pipeline that throws something else is reported as a config problem. */
function asStartupError(error: unknown): ConfigError | LLMError {
  if (ConfigError.is(error) || LLMError.is(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ConfigError(
    [{ path: 'llm.providers', message: `A provider could not be built: ${message}` }],
    { cause: error },
  );
}

/**
 * The one mutable reference of a manager: the snapshot new calls start from. `current` is a plain
 * field, not a getter, because every call reads it; only `swap` changes it.
 */
export class CurrentSnapshot {
  readonly current: ManagerSnapshot;

  constructor(first: ManagerSnapshot) {
    this.current = first;
  }

  /** Puts `next` in place for every call that starts from now on; returns the one it replaced. */
  swap(next: ManagerSnapshot): ManagerSnapshot {
    const previous = this.current;
    (this as { current: ManagerSnapshot }).current = next;
    return previous;
  }
}
