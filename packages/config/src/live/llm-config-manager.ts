import {
  silentLogger,
  systemClock,
  type Clock,
  type ILLMConfigManager,
  type LLMModelConfig,
  type LLMProviderConfig,
  type Logger,
} from '@llm/core';
import { EventEmitter } from 'node:events';
import { ConfigError, formatConfigIssues } from '../issues/config-error';
import { planSources, type LoadConfigOptions, type SourcePlan } from '../load/config-sources';
import { unexpectedLoadIssue } from '../load/load-config';
import type { LLMConfig } from '../schema/config-schema';
import { ConfigBuilder } from './config-builder';
import {
  diffConfigs,
  stableStringify,
  type ConfigChange,
  type ConfigChangeSource,
} from './config-change';
import { RuntimeChanges } from './runtime-changes';
import { createDebouncer, watchFiles, type Debouncer, type FileWatcher } from './watch-files';

export interface ConfigManagerOptions extends LoadConfigOptions {
  /** Watch the config file, its overrides file, `.env` and the price file, and reload on change. Default false. */
  watch?: boolean;
  /** Quiet period after the last file event before reloading. Default 50 ms. */
  debounceMs?: number;
  /** Default: the system clock (tests inject a manual one). */
  clock?: Clock;
  /** Write runtime changes (addProvider/updateProvider/removeProvider) to the overrides file. Default false: live only. */
  persistChanges?: boolean;
  /** Default: silent. Receives reloads and rejected reloads; never secrets. */
  logger?: Logger;
}

const DEFAULT_DEBOUNCE_MS = 50;

type WatchedKind = 'file' | 'price_file';

/**
 * The ILLMConfigManager of @llm/core over a loaded configuration. Each configuration is a frozen snapshot:
 * a reload or runtime change swaps in a new one (emitting 'change'), so a call that started on the
 * previous snapshot finishes on it. An invalid new configuration is rejected and the previous one
 * stays active ('error' event for file reloads; a rejected promise for API calls and reloadConfig()).
 */
export class LLMConfigManager implements ILLMConfigManager {
  readonly #events = new EventEmitter();
  readonly #callbacks: ((providers: LLMProviderConfig[]) => void)[] = [];
  readonly #builder: ConfigBuilder;
  readonly #changes: RuntimeChanges;
  readonly #logger: Logger;
  #config: LLMConfig;
  #queue: Promise<unknown> = Promise.resolve();
  #watcher?: FileWatcher<WatchedKind>;
  #debouncer?: Debouncer<WatchedKind>;
  #closed = false;

  /** Use createConfigManager(); it loads the first configuration. */
  constructor(
    plan: SourcePlan,
    options: ConfigManagerOptions,
    initial: { config: LLMConfig; builder: ConfigBuilder },
  ) {
    this.#config = initial.config;
    this.#builder = initial.builder;
    this.#logger = options.logger ?? silentLogger;
    this.#changes = new RuntimeChanges(plan, this.#builder, options.persistChanges === true);
    this.#warnDisabledProviders(undefined);
    if (options.watch) this.#startWatching(options);
  }

  /** One warning per provider that a missing secret newly turned off, naming the variable. */
  #warnDisabledProviders(previous: LLMConfig | undefined): void {
    for (const [name, reason] of Object.entries(this.#config.disabled_providers ?? {})) {
      if (previous?.disabled_providers?.[name] === reason) continue;
      this.#logger.warn(`Provider "${name}" is disabled: ${reason}`, { provider: name });
    }
  }

  getConfig(): LLMConfig {
    return this.#config;
  }

  getProviderConfig(name: string): LLMProviderConfig | null {
    return this.#config.providers.find((provider) => provider.name === name) ?? null;
  }

  getAllProviders(): LLMProviderConfig[] {
    return [...this.#config.providers];
  }

  /** `default_provider`, else the first enabled provider, else null. */
  getDefaultProvider(): string | null {
    return (
      this.#config.default_provider ??
      this.#config.providers.find((provider) => provider.enabled)?.name ??
      null
    );
  }

  /** Exact name first, then ignoring case, then the provider-side `model_id`. */
  getModelConfig(providerName: string, modelName: string): LLMModelConfig | null {
    const models = this.getProviderConfig(providerName)?.models ?? [];
    const lower = modelName.toLowerCase();
    return (
      models.find((model) => model.name === modelName) ??
      models.find((model) => model.name.toLowerCase() === lower) ??
      models.find((model) => model.model_id === modelName) ??
      null
    );
  }

  addProvider(config: LLMProviderConfig): Promise<void> {
    return this.#enqueue(async () => this.#apply(this.#changes.add(this.#config, config), 'api'));
  }

  updateProvider(name: string, updates: Partial<LLMProviderConfig>): Promise<void> {
    return this.#enqueue(async () =>
      this.#apply(this.#changes.update(this.#config, name, updates), 'api'),
    );
  }

  removeProvider(name: string): Promise<void> {
    return this.#enqueue(async () => this.#apply(this.#changes.remove(this.#config, name), 'api'));
  }

  /** Re-reads every source; rejects with ConfigError (keeping the current configuration) when the result is invalid. */
  reloadConfig(): Promise<void> {
    return this.#enqueue(async () =>
      this.#apply(this.#builder.buildFresh(this.#changes.pending()), 'reload'),
    );
  }

  /** Called with the provider list after every applied change. */
  onConfigChanged(callback: (config: LLMProviderConfig[]) => void): void {
    this.#callbacks.push(callback);
  }

  on(event: 'change', listener: (change: ConfigChange) => void): this;
  on(event: 'error', listener: (error: ConfigError) => void): this;
  on(event: 'change' | 'error', listener: (value: never) => void): this {
    this.#events.on(event, listener as (...values: unknown[]) => void);
    return this;
  }

  off(event: 'change' | 'error', listener: (value: never) => void): this {
    this.#events.off(event, listener as (...values: unknown[]) => void);
    return this;
  }

  /** Stops watching; the current configuration stays readable. */
  close(): void {
    this.#closed = true;
    this.#debouncer?.cancel();
    this.#watcher?.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    this.close();
  }

  #enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.#queue.then(task);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  #apply(next: LLMConfig, source: ConfigChangeSource): void {
    this.#refreshWatchedFiles();
    if (stableStringify(next) === stableStringify(this.#config)) return;
    const previous = this.#config;
    this.#config = next;
    this.#warnDisabledProviders(previous);
    const change: ConfigChange = { config: next, previous, ...diffConfigs(previous, next), source };
    this.#logger.info('LLM configuration changed', {
      source,
      added: change.added,
      removed: change.removed,
      modified: change.modified,
      changedKeys: change.changedKeys,
    });
    this.#notify(() => this.#events.emit('change', change));
    for (const callback of this.#callbacks) this.#notify(() => callback(this.getAllProviders()));
  }

  #notify(listener: () => void): void {
    try {
      listener();
    } catch (error) {
      this.#logger.error('A configuration change listener threw', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  #reject(error: unknown): void {
    const configError = ConfigError.is(error)
      ? error
      : new ConfigError([
          { path: '', message: error instanceof Error ? error.message : String(error) },
        ]);
    this.#logger.warn(
      'LLM configuration reload rejected; the previous configuration stays active',
      { issues: formatConfigIssues(configError.issues) },
    );
    if (this.#events.listenerCount('error') > 0) this.#events.emit('error', configError);
  }

  #startWatching(options: ConfigManagerOptions): void {
    const clock = options.clock ?? systemClock;
    this.#debouncer = createDebouncer<WatchedKind>({
      clock,
      delayMs: options.debounceMs ?? DEFAULT_DEBOUNCE_MS,
      run: (reasons) => {
        if (this.#closed) return;
        const source: ConfigChangeSource = reasons.has('file') ? 'file' : 'price_file';
        this.#enqueue(async () =>
          this.#apply(this.#builder.buildFresh(this.#changes.pending()), source),
        ).catch((error: unknown) => this.#reject(error));
      },
    });
    this.#watcher = watchFiles<WatchedKind>({
      onChange: (kind) => this.#debouncer?.trigger(kind),
      onError: (error) => this.#reject(error),
    });
    this.#refreshWatchedFiles();
  }

  #refreshWatchedFiles(): void {
    if (this.#watcher && !this.#closed) this.#watcher.setFiles(this.#builder.watchedFiles());
  }
}

/**
 * Loads the configuration and returns a manager over it. Rejects with ConfigError when the
 * configuration is invalid, and also for any other failure while loading it.
 */
export async function createConfigManager(
  options: ConfigManagerOptions = {},
): Promise<LLMConfigManager> {
  try {
    const plan = planSources(options);
    const builder = new ConfigBuilder(plan, options);
    const config = builder.buildFresh({});
    return new LLMConfigManager(plan, options, { config, builder });
  } catch (error) {
    if (ConfigError.is(error)) throw error;
    throw new ConfigError([unexpectedLoadIssue(error, options.env)], { cause: error });
  }
}
