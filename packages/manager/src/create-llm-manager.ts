import {
  defaultProviderRegistry,
  silentLogger,
  systemClock,
  type Clock,
  type ILLMProvider,
  type Logger,
  type ProviderRegistry,
} from '@llm/core';
import { createConfigManager, type LLMConfig } from '@llm/config';
import { CircuitBreakerRegistry } from '@llm/retry';
import {
  createBudgetGuard,
  createCostCalculator,
  createUsageTracker,
  type BudgetGuard,
  type UsageStore,
} from '@llm/usage';
import { LLMManager } from './llm-manager';
import { buildProviderEntries, type ProviderEntry } from './provider-runtime';
import { UsageAccounting } from './usage-accounting';
import { wireEvents } from './wire-events';

export interface CreateLLMManagerOptions {
  /** A TOML or JSON config file; found from $LLM_CONFIG or ./llm.toml when neither this nor `config` is given. */
  configFile?: string;
  /** Config from code: the whole `[llm]` table, or overrides applied over the file (highest precedence). */
  config?: Record<string, unknown>;
  /** Environment used for `${VAR}` substitution and LLM_* variables (default process.env). */
  env?: Record<string, string | undefined>;
  /** Base for relative paths (usage_data_dir, price_file); default the config file's folder, else cwd. */
  cwd?: string;
  /** Reload the config file when it changes (default true when a file is used). */
  watch?: boolean;
  /** Save runtime provider changes (addProvider/updateProvider/removeProvider) to `<config>.overrides.json`. */
  persistChanges?: boolean;
  /** Where provider types are looked up (default: the process-wide registry). */
  registry?: ProviderRegistry;
  /** A ledger store other than the configured one (e.g. MemoryUsageStore in tests). */
  usageStore?: UsageStore;
  clock?: Clock;
  logger?: Logger;
  /** Random source for retry jitter (tests). */
  random?: () => number;
}

/** Loads the config, builds every enabled provider with its policies, and opens the usage ledger. */
export async function createLLMManager(options: CreateLLMManagerOptions = {}): Promise<LLMManager> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const registry = options.registry ?? defaultProviderRegistry();
  const configManager = await createConfigManager({
    knownProviderTypes: registry.types(),
    configFile: options.configFile,
    config: options.config,
    env: options.env,
    cwd: options.cwd,
    watch: options.watch ?? options.configFile !== undefined,
    persistChanges: options.persistChanges,
    clock,
    logger,
  });
  let config: LLMConfig = configManager.getConfig();
  const currency = {
    displayCurrency: config.display_currency,
    exchangeRates: config.exchange_rates,
  };

  const calculator = createCostCalculator({ ...currency, logger });
  const tracker = config.enable_usage_tracking
    ? createUsageTracker({
        store: options.usageStore,
        dataDir: config.usage_data_dir,
        settings: config.usage,
        clock,
        logger,
        ...currency,
      })
    : undefined;
  const makeBudgets = (current: LLMConfig): BudgetGuard | undefined =>
    tracker && current.budgets?.length
      ? createBudgetGuard({ budgets: current.budgets, tracker, clock, ...currency })
      : undefined;
  let budgets = makeBudgets(config);

  const dependencies = {
    registry,
    breakers: new CircuitBreakerRegistry(),
    clock,
    logger,
    random: options.random,
  };
  let entries: ReadonlyMap<string, ProviderEntry> = await buildProviderEntries(
    config,
    dependencies,
  );
  const everBuilt = new Set<ILLMProvider>([...entries.values()].map((entry) => entry.provider));

  const accounting = new UsageAccounting(
    calculator,
    tracker,
    () => config,
    logger,
    (record) => manager.emit('usage', record),
  );
  const state = {
    config: () => config,
    entries: () => entries,
    accounting,
    budgets: () => budgets,
    clock,
    logger,
  };

  const manager = new LLMManager(state, configManager, tracker, async () => {
    await configManager.close();
    await tracker?.close();
    for (const provider of everBuilt) provider.dispose();
  });
  wireEvents(manager, entries, undefined, budgets);

  configManager.on('change', (change) => {
    // Build first, then swap: calls already running keep the entries they were routed to.
    buildProviderEntries(change.config, dependencies, entries)
      .then((next) => {
        const previous = entries;
        config = change.config;
        entries = next;
        budgets = makeBudgets(change.config);
        for (const entry of next.values()) everBuilt.add(entry.provider);
        wireEvents(manager, next, previous, budgets);
        manager.emit('config-change', {
          added: change.added,
          removed: change.removed,
          modified: change.modified,
          source: change.source,
        });
      })
      .catch((error: unknown) =>
        manager.emit('config-error', error instanceof Error ? error : new Error(String(error))),
      );
  });
  configManager.on('error', (error) => manager.emit('config-error', error));
  return manager;
}
