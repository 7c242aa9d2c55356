import {
  defaultProviderRegistry,
  LLMError,
  LLMErrorType,
  secretsOfConfig,
  systemClock,
  type Clock,
  type ILLMProvider,
  type Logger,
  type ProviderRegistry,
} from '@llm/core';
import { ConfigError, createConfigManager } from '@llm/config';
import { CircuitBreakerRegistry } from '@llm/retry';
import {
  createCostCalculator,
  createUsageTracker,
  loadPriceCatalog,
  type UsageStore,
} from '@llm/usage';
import { callFieldsOf } from './call-session';
import { DeploymentHealthMonitor } from './deployment-health';
import type { CacheStore } from '@llm/cache';
import { lazyResponseCache } from './lazy-response-cache';
import { LLMManager } from './llm-manager';
import type { ManagerEvents } from './manager-events';
import {
  loadTelemetry,
  resolveManagerLogging,
  subscribeLogsLazily,
  type PinoLikeLogger,
} from './manager-logging';
import {
  buildSnapshot,
  CurrentSnapshot,
  type ManagerSnapshot,
  type SnapshotDependencies,
} from './manager-snapshot';
import { UsageAccounting } from './usage-accounting';

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
  /**
   * Where the manager logs: a pino instance (or anything with pino's `child/info/warn/error/debug(fields,
   * message)` shape), or the toolkit's `Logger`. Default: pino on stderr at `warn` (`LLM_LOG_LEVEL`,
   * `[llm.logging] level`).
   */
  logger?: Logger | PinoLikeLogger;
  /** Log each call's request and answer and each attempt at debug level, secrets scanned out (also `LLM_DEBUG=1`). */
  debug?: boolean;
  /** Where the response cache keeps answers (default in memory, bounded by `[llm.cache]`); e.g. a Redis-backed store. */
  cacheStore?: CacheStore;
  /** Random source for retry jitter (tests). */
  random?: () => number;
}

/**
 * A pipeline's event as users get it: the call its `origin` names as the call's fields (over the
 * event's own `provider`, `model` and `attempt`), and no `origin` (the manager's internal value).
 */
function namedEvent(event: object): object {
  if (!('origin' in event)) return event;
  const { origin, ...rest } = event as { readonly origin?: unknown };
  return { ...rest, ...callFieldsOf(origin) };
}

/**
 * Forwards the events of the pipelines, the router and the budget guard that are new in `next` to the manager,
 * so every event reaches users the same way: `manager.on(name, (payload) => …)`.
 */
function forwardEvents(
  manager: LLMManager,
  next: ManagerSnapshot,
  previous: ManagerSnapshot | undefined,
): void {
  // A payload is built (and the call's fields looked up) only when someone listens.
  const forward =
    <Name extends keyof ManagerEvents>(name: Name) =>
    (event: object) => {
      if (manager.listenerCount(name) === 0) return;
      (manager.emit as (event: string, payload: unknown) => boolean)(name, namedEvent(event));
    };
  for (const [name, entry] of next.providers) {
    if (previous?.providers.get(name) === entry) continue;
    const { pipeline } = entry;
    // Each event names the call (and its attempt) it happened in, when it happened in one.
    pipeline.on('retry', forward('retry'));
    pipeline.on('give-up', forward('give-up'));
    pipeline.on('timeout', forward('timeout'));
    pipeline.on('breaker-state', forward('breaker-state'));
    pipeline.on('rate-limited', forward('rate-limited'));
    pipeline.on('rate-adjusted', forward('rate-adjusted'));
  }
  // `route` is reported by the call itself from the step the router gives it (CallSession.routed).
  next.router.on('fallback', (event) => {
    if (manager.listenerCount('fallback') === 0) return;
    const { origin, ...fallback } = event;
    manager.emit('fallback', { ...callFieldsOf(origin), ...fallback });
  });
  if (next.budgets && next.budgets !== previous?.budgets)
    next.budgets.on('warn', (status) => manager.emit('budget-warning', status));
}

/** A reload that failed for a reason other than the config itself is still reported as an LLMError. */
function asReloadError(error: unknown): ConfigError | LLMError {
  if (ConfigError.is(error) || LLMError.is(error)) return error;
  return new LLMError({
    type: LLMErrorType.UNKNOWN_ERROR,
    message: `The new configuration could not be applied: ${error instanceof Error ? error.message : String(error)}`,
    retryable: false,
    cause: error,
  });
}

/**
 * Loads the config, builds every enabled provider with its policies, and opens the usage ledger.
 * Start-up failures reject with a ConfigError (the configuration, a provider type) or an LLMError.
 */
export async function createLLMManager(options: CreateLLMManagerOptions = {}): Promise<LLMManager> {
  const clock = options.clock ?? systemClock;
  const logging = resolveManagerLogging({
    logger: options.logger,
    debug: options.debug,
    env: options.env ?? process.env,
  });
  const logger = logging.logger;
  // A logger the caller gave (or debug mode) is wanted from the first event on: its subscriber is
  // loaded now, so no line of it waits. The default logger loads on its first line.
  if (options.logger !== undefined || logging.debug) await loadTelemetry();
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
  const config = configManager.getConfig();
  logging.applyConfigLevel(config.logging?.level);
  // The ledger and the currency are read once at start; changing them needs a new manager.
  const currency = {
    displayCurrency: config.display_currency,
    exchangeRates: config.exchange_rates,
  };
  const tracker = config.enable_usage_tracking
    ? createUsageTracker({
        store: options.usageStore,
        dataDir: config.usage_data_dir,
        settings: config.usage,
        clock,
        logger,
        callLog: {
          maxContentBytes: config.logging?.max_content_bytes,
          secrets: () => secretsOfConfig(configManager.getConfig()),
        },
        ...currency,
      })
    : undefined;
  // Background health checks run `healthCheck()`; the manager exists by the time the first runs.
  const health = new DeploymentHealthMonitor(clock, async () => {
    manager.emit('health-check', await manager.healthCheck());
  });
  const dependencies: SnapshotDependencies = {
    health,
    benchedKeys: new Map(),
    registry,
    breakers: new CircuitBreakerRegistry(),
    clock,
    logger,
    random: options.random,
    tracker,
    ...currency,
  };
  let snapshots: CurrentSnapshot;
  try {
    snapshots = new CurrentSnapshot(await buildSnapshot(config, dependencies));
  } catch (error) {
    await configManager.close();
    await tracker?.close();
    throw error;
  }
  const everBuilt = new Set<ILLMProvider>();
  const remember = (snapshot: ManagerSnapshot) => {
    for (const entry of snapshot.providers.values()) everBuilt.add(entry.provider);
  };
  remember(snapshots.current);

  const accounting = new UsageAccounting(
    createCostCalculator({ ...currency, logger }),
    tracker,
    () => snapshots.current.config,
    logger,
    (record) => manager.emit('usage', record),
  );
  const cache = lazyResponseCache({
    settings: () => snapshots.current.config.cache,
    store: options.cacheStore,
    clock,
    onStoreError: (error, operation) =>
      logger.warn('response cache store failed; the call goes on uncached', {
        operation,
        error: String(error),
      }),
  });
  let closed = false;
  const manager: LLMManager = new LLMManager({
    snapshots,
    services: {
      accounting,
      clock,
      onAttemptFailed: (provider, model, kind) =>
        health.recordFailure(provider, model, kind, clock.now()),
      callEndListenersDroppingAnswers: () => logs.dropsAnsweredCallEnd(),
    },
    observer: (self) => ({
      cache,
      accounting,
      clock,
      emit: (name, ...payload) =>
        (self.emit as (event: string, ...args: unknown[]) => boolean)(name, ...payload),
      // `[llm.logging] log_content` is read per call, so a reload turns the call log on or off.
      callLogOn: () =>
        tracker !== undefined && snapshots.current.config.logging?.log_content === true,
      onCallContent: (entry) => void tracker?.recordCall(entry),
    }),
    configManager,
    tracker,
    health,
    shutdown: async () => {
      closed = true;
      health.stop();
      logs.stop();
      await logging.flush();
      await cache.close();
      await configManager.close();
      await tracker?.close();
      for (const provider of everBuilt) provider.dispose();
    },
  });
  // Every log line scans for the configured keys: found once per configuration, not per line.
  const secretsByConfig = new WeakMap<object, string[]>();
  const currentSecrets = (): string[] => {
    const current = snapshots.current.config;
    let found = secretsByConfig.get(current);
    if (!found) secretsByConfig.set(current, (found = secretsOfConfig(current)));
    return found;
  };
  logging.useSecrets(currentSecrets);
  const logs = subscribeLogsLazily(manager as never, {
    logging,
    secrets: currentSecrets,
    maxContentBytes: config.logging?.max_content_bytes,
  });
  forwardEvents(manager, snapshots.current, undefined);
  if (config.cache?.enabled) await cache.load();
  health.configure(config.routing?.health_check_interval);
  tracker?.on('ledger-degraded', (problem) => manager.emit('ledger-degraded', problem));

  configManager.on('change', (change) => {
    // Build first, then swap: calls already running keep the snapshot they started with.
    buildSnapshot(change.config, dependencies, snapshots.current)
      .then((next) => {
        const previous = snapshots.swap(next);
        remember(next);
        forwardEvents(manager, next, previous);
        health.configure(next.config.routing?.health_check_interval);
        logging.applyConfigLevel(next.config.logging?.level);
        if (next.config.cache?.enabled) void cache.load();
        manager.emit('config-change', {
          added: change.added,
          removed: change.removed,
          modified: change.modified,
          source: change.source,
        });
      })
      .catch((error: unknown) => manager.emit('config-error', asReloadError(error)));
  });
  configManager.on('error', (error) => manager.emit('config-error', error));
  // Every call looks its model up in the built-in price catalog, a JSON file read once per process:
  // read on the next turn of the event loop, so neither start-up nor an idle manager's first call
  // waits for it.
  setImmediate(() => {
    if (closed) return;
    try {
      loadPriceCatalog();
    } catch {
      // An unreadable catalog is reported by the first price lookup, as a typed error.
    }
  });
  return manager;
}
