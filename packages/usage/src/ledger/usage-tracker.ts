import { EventEmitter } from 'node:events';
import {
  LLMError,
  silentLogger,
  systemClock,
  type Clock,
  type IUsageTracker,
  type Logger,
  type TimeRange,
  type UsageFilter,
  type UsageRecord,
  type UsageSettings,
  type UsageSummary,
} from '@llm/core';
import { exportUsageFile, exportUsageText, type ExportFormat } from '../export/export-usage';
import { createCurrencyConverter, type CurrencyConverter } from '../money/currency-converter';
import { summarizeUsage } from '../query/summarize-usage';
import { JsonlUsageStore } from '../store/jsonl/jsonl-usage-store';
import { MemoryUsageStore } from '../store/memory-usage-store';
import type { UsageStore, UsageStoreEvents } from '../store/usage-store';
import {
  ledgerProblem,
  ledgerUnreadableError,
  ledgerUnwritableError,
  type LedgerHealth,
  type LedgerProblem,
} from './ledger-health';
import { flushOnProcessExit } from './process-exit-hooks';
import { boundUsageRecord } from './usage-record-from-call';
import { WriteBatcher } from './write-batcher';
import { CallLog, type CallContentInput, type CallLogEntry, type CallLogOptions } from './call-log';

export interface UsageTrackerOptions {
  /** Where records go; by default a JsonlUsageStore under `dataDir` (or memory with `settings.store = "memory"`). */
  store?: UsageStore;
  /** `usage_data_dir`; default `./data/llm-usage`. */
  dataDir?: string;
  /** `[llm.usage]`: store, durability, flush_interval, batch_size, retention_days, archive_after_days. */
  settings?: UsageSettings;
  clock?: Clock;
  logger?: Logger;
  displayCurrency?: string;
  exchangeRates?: Readonly<Record<string, number>>;
  /** Flush pending records on SIGINT, SIGTERM, beforeExit and exit (default true). */
  flushOnExit?: boolean;
  /** The call log's size cap and the secrets it scans out (it writes only what `recordCall` is given). */
  callLog?: Omit<CallLogOptions, 'directory'>;
}

/** A logged call: its messages and answer, with its usage record when the ledger holds it. */
export interface LoggedCall extends CallLogEntry {
  readonly record?: UsageRecord;
}

/** An exact total in one currency. */
export interface CostTotal {
  /** Exact decimal. */
  amount: string;
  currency: string;
  requests: number;
  /** Requests whose cost is unknown (no price), not counted in `amount`. */
  unpriced_requests: number;
}

/** The store's events, passed on, plus failed writes and the ledger's health. */
export interface UsageTrackerEvents extends UsageStoreEvents {
  /** Every failed write (only emitted when someone listens). */
  error: [error: Error];
  /** The ledger folder cannot be written or read: emitted once until it works again. */
  'ledger-degraded': [problem: LedgerProblem];
  /** A write succeeded again after `ledger-degraded`; the records kept in memory are on disk. */
  'ledger-recovered': [];
}

/** How `getCostByCurrency` treats a ledger it cannot read. */
export interface CostQueryOptions {
  /**
   * `throw` (default): reject with an LLMError (code `ledger_unreadable`) naming the folder.
   * `memory`: count the records held in memory and report the problem once (`ledger-degraded`);
   * what budgets use, so a broken ledger folder never fails a call.
   */
  unreadableLedger?: 'throw' | 'memory';
}

export interface UsageTrackerStats {
  recorded: number;
  pending: number;
  tornLines: number;
  corruptLines: number;
  writeErrors: number;
}

/** The IUsageTracker of @llm/core over a UsageStore, with batching, exact sums and currency conversion. */
export class UsageTracker
  extends EventEmitter<UsageTrackerEvents>
  implements IUsageTracker, AsyncDisposable
{
  readonly store: UsageStore;
  readonly settings: ResolvedUsageSettings;
  readonly currency: CurrencyConverter;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly batcher: WriteBatcher;
  private readonly unregisterExitHook: () => void;
  private readonly counters = { recorded: 0, tornLines: 0, corruptLines: 0, writeErrors: 0 };
  private closing: Promise<void> | undefined;
  private problem: LedgerProblem | undefined;
  /** The ledger folder, when the store is one (for messages that name usage_data_dir). */
  readonly directory: string | undefined;
  private readonly callLog: CallLog;

  constructor(options: UsageTrackerOptions = {}) {
    super();
    this.settings = resolveUsageSettings(options.settings);
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? silentLogger;
    this.currency = createCurrencyConverter(options);
    this.store =
      options.store ??
      (this.settings.store === 'memory'
        ? new MemoryUsageStore()
        : new JsonlUsageStore({
            directory: options.dataDir ?? DEFAULT_USAGE_DATA_DIR,
            clock: this.clock,
          }));
    const directory = (this.store as { directory?: unknown }).directory;
    this.directory = typeof directory === 'string' ? directory : undefined;
    this.callLog = new CallLog({ ...options.callLog, directory: this.directory });
    this.store.on('torn-line', (report) => {
      this.counters.tornLines += 1;
      this.logger.warn(
        `Usage ledger: skipped a torn last line left by a crashed writer (${report.length} bytes at ${report.file}:${report.offset})`,
        { ...report },
      );
      this.emit('torn-line', report);
    });
    this.store.on('corrupt-line', (report) => {
      this.counters.corruptLines += 1;
      this.logger.warn(
        `Usage ledger: skipped a line that is not a usage record (${report.reason}) at ${report.file}:${report.offset}`,
        { ...report },
      );
      this.emit('corrupt-line', report);
    });
    this.batcher = new WriteBatcher({
      store: this.store,
      clock: this.clock,
      durability: this.settings.durability,
      flushInterval: this.settings.flush_interval,
      batchSize: this.settings.batch_size,
      onError: (error) => this.reportError(error),
      onWritten: () => this.reportRecovery(),
    });
    this.unregisterExitHook =
      options.flushOnExit === false ? () => undefined : flushOnProcessExit(this.batcher);
  }

  /**
   * Queues a record; resolves at once (`batched`) or once it is on disk (`sync`). Records are not
   * copied unless a string is over `USAGE_RECORD_LIMITS` or the tags are not string → string.
   */
  recordUsage(record: UsageRecord): Promise<void> {
    if (this.closing)
      return Promise.reject(
        new LLMError({
          type: 'invalid_request',
          retryable: false,
          message: 'The usage tracker is closed; create a new one to record usage.',
        }),
      );
    if (
      typeof record?.model_name !== 'string' ||
      typeof record.provider_name !== 'string' ||
      !Number.isFinite(record.timestamp)
    ) {
      return Promise.reject(
        new LLMError({
          type: 'invalid_request',
          retryable: false,
          message: 'A usage record needs model_name, provider_name and a numeric timestamp.',
        }),
      );
    }
    this.counters.recorded += 1;
    // Bounded here too: records built by hand reach the ledger without usageRecordFromCall.
    const added = this.batcher.add(boundUsageRecord(record));
    if (this.settings.durability === 'batched') return added;
    // The record is kept and retried either way; a sync caller learns it is not durable yet.
    return added.catch((error: unknown) => {
      throw ledgerUnwritableError(
        this.problem ?? ledgerProblem('unwritable', error, this.directory),
      );
    });
  }

  /**
   * `ok`, or the ledger problem since the last successful write (with how many records are held in
   * memory): what a CLI checks to warn about, and exit on, a ledger that cannot be written.
   */
  health(): LedgerHealth {
    return this.problem
      ? { ok: false, problem: this.problem, pendingRecords: this.batcher.pendingCount }
      : { ok: true };
  }

  /** Summaries grouped by `filter.group_by` (default: one per provider + model). */
  async getUsageSummary(filter: UsageFilter = {}): Promise<UsageSummary[]> {
    await this.settle();
    const groups = await this.read(() => summarizeUsage(this.store, filter, this.unwritten()));
    return groups.map((group) => group.toSummary(this.currency));
  }

  async getModelUsage(modelName: string, timeRange?: TimeRange): Promise<UsageSummary> {
    await this.settle();
    const [group] = await this.read(() =>
      summarizeUsage(
        this.store,
        { model_name: modelName, time_range: timeRange, group_by: 'none' },
        this.unwritten(),
      ),
    );
    const summary = group?.toSummary(this.currency);
    return {
      ...(summary ?? EMPTY_SUMMARY),
      model_name: modelName,
      provider_name: summary?.provider_name ?? '*',
      currency: summary?.currency ?? this.currency.currencyFor([]),
    };
  }

  /** Total cost in the display currency (see `getCost` for the exact form). */
  async getTotalCost(timeRange?: TimeRange): Promise<number> {
    return Number((await this.getCost({ time_range: timeRange })).amount);
  }

  /** The exact total cost of the records matching `filter`, in `currency` (default: the display currency). */
  async getCost(filter: UsageFilter = {}, currency?: string): Promise<CostTotal> {
    await this.settle();
    const [group] = await this.read(() =>
      summarizeUsage(this.store, { ...filter, group_by: 'none' }, this.unwritten()),
    );
    const target = currency ?? this.currency.currencyFor(group?.totals.costs.keys() ?? []);
    return {
      amount: (group?.costIn(target, this.currency) ?? EMPTY_AMOUNT).toString(),
      currency: target,
      requests: group?.totals.requests ?? 0,
      unpriced_requests: group?.totals.unpriced ?? 0,
    };
  }

  /** The exact costs of the records matching `filter`, per currency, unconverted. */
  async getCostByCurrency(
    filter: UsageFilter = {},
    options: CostQueryOptions = {},
  ): Promise<{ costs: Record<string, string>; requests: number; unpriced_requests: number }> {
    await this.settle();
    const query = { ...filter, group_by: 'none' as const };
    const [group] =
      options.unreadableLedger === 'memory'
        ? await summarizeUsage(this.store, query, this.unwritten()).catch((error: unknown) => {
            this.reportProblem(ledgerProblem('unreadable', error, this.directory));
            return summarizeUsage(new MemoryUsageStore(), query, this.batcher.pendingRecords());
          })
        : await this.read(() => summarizeUsage(this.store, query, this.unwritten()));
    const costs: Record<string, string> = {};
    for (const [currency, sum] of group?.totals.costs ?? [])
      costs[currency] = sum.value().toString();
    return {
      costs,
      requests: group?.totals.requests ?? 0,
      unpriced_requests: group?.totals.unpriced ?? 0,
    };
  }

  async exportUsage(format: ExportFormat, filter?: UsageFilter): Promise<string> {
    await this.settle();
    return this.read(() => exportUsageText(this.store, format, filter));
  }

  /** Streams an export to `path` (bounded memory); returns the number of records written. */
  async exportUsageToFile(
    path: string,
    format: ExportFormat,
    filter?: UsageFilter,
  ): Promise<number> {
    await this.settle();
    return this.read(() => exportUsageFile(this.store, path, format, filter));
  }

  /**
   * Deletes records older than `retentionDays` (whole UTC days; default `[llm.usage] retention_days`)
   * and archives segments per `archive_after_days`; returns how many records were deleted.
   */
  async cleanupOldRecords(retentionDays = this.settings.retention_days): Promise<number> {
    if (retentionDays === undefined)
      throw new RangeError(
        'cleanupOldRecords needs a number of days, or [llm.usage] retention_days',
      );
    if (!Number.isInteger(retentionDays) || retentionDays < 0)
      throw new RangeError(
        `retentionDays must be a whole number of days ≥ 0, got ${retentionDays}`,
      );
    await this.settle();
    const result = await this.read(() =>
      this.store.cleanup({
        now: this.clock.now(),
        retentionDays,
        archiveAfterDays: this.settings.archive_after_days,
      }),
    );
    await this.callLog.cleanup(this.clock.now(), retentionDays);
    return result.deletedRecords;
  }

  /**
   * Stores a call's messages and answer in the call log (secrets scanned out, each text cut to the
   * size cap), in the ledger folder. A write that fails is logged, never thrown: a call must not fail for it.
   */
  async recordCall(input: CallContentInput): Promise<void> {
    try {
      await this.callLog.append(input);
    } catch (error) {
      this.logger.warn('Call log: an entry could not be written', {
        call_id: input.call_id,
        usage_data_dir: this.directory,
        error: String(error),
      });
    }
  }

  /** The logged call `callId` (`[llm.logging] log_content`), with the usage record that ended it; undefined when it was not logged. */
  async getCall(callId: string): Promise<LoggedCall | undefined> {
    const entry = await this.callLog.get(callId);
    if (!entry) return undefined;
    await this.settle();
    let record: UsageRecord | undefined;
    // The record's timestamp is the call's start, read by the same clock moments apart.
    await this.read(() =>
      this.store.forEachRecord(
        { start: entry.timestamp - 60_000, end: entry.timestamp + 60_000 },
        (candidate) => {
          // The record that ended the call (a call's earlier attempts have records of their own).
          const ended = candidate.call_id === undefined || candidate.final !== false;
          if ((candidate.call_id ?? candidate.request_id) === callId && ended) record = candidate;
        },
      ),
    );
    return record ? { ...entry, record } : entry;
  }

  /** Writes every record recorded so far. */
  flush(): Promise<void> {
    return this.batcher.flush();
  }

  stats(): UsageTrackerStats {
    return { ...this.counters, pending: this.batcher.pendingCount };
  }

  /**
   * Flushes, then releases the store. Further recordUsage calls reject. A ledger that still cannot
   * be written does not make close() reject (a paid call must not look failed): the records that
   * are lost are logged as an error naming usage_data_dir, and `health()` keeps reporting the problem.
   */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.batcher.cancelTimer();
      try {
        await this.batcher.flush();
      } catch (error) {
        this.reportProblem(ledgerProblem('unwritable', error, this.directory));
        this.logger.error(
          `Usage ledger: ${this.batcher.pendingCount} record(s) could not be written before closing and are lost. ${this.problem?.message ?? ''}`.trim(),
          { usage_data_dir: this.directory, lost_records: this.batcher.pendingCount },
        );
      } finally {
        this.unregisterExitHook();
        await this.callLog.close();
        await this.store.close();
      }
    })();
    return this.closing;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  /** Queries see every record recorded before them; a failing disk must not stop them (the error was reported). */
  private async settle(): Promise<void> {
    await this.batcher.flush().catch(() => undefined);
  }

  /** Records the store does not hold because writing them failed; queries and budgets count them. */
  private unwritten(): readonly UsageRecord[] {
    return this.problem?.kind === 'unwritable' ? this.batcher.pendingRecords() : [];
  }

  /** Runs a query; a folder that cannot be read rejects with an LLMError naming usage_data_dir. */
  private async read<T>(query: () => Promise<T>): Promise<T> {
    try {
      return await query();
    } catch (error) {
      throw ledgerUnreadableError(error, this.directory);
    }
  }

  private reportError(error: unknown): void {
    this.counters.writeErrors += 1;
    this.reportProblem(ledgerProblem('unwritable', error, this.directory));
    const failure = error instanceof Error ? error : new Error(String(error));
    if (this.listenerCount('error') > 0) this.emit('error', failure);
  }

  /** Warns once per episode: a failing disk is retried every second and must not flood the log. */
  private reportProblem(problem: LedgerProblem): void {
    if (this.problem) {
      // Already reported: a folder that cannot be read usually cannot be written either.
      if (problem.kind === 'unwritable') this.problem = problem;
      return;
    }
    this.problem = problem;
    this.logger.warn(problem.message, {
      usage_data_dir: problem.directory,
      error_code: problem.errorCode,
    });
    this.emit('ledger-degraded', problem);
  }

  private reportRecovery(): void {
    if (this.problem?.kind !== 'unwritable') return;
    this.problem = undefined;
    this.logger.info('Usage ledger: writing works again; the records kept in memory are on disk.');
    this.emit('ledger-recovered');
  }
}

const EMPTY_AMOUNT = { toString: () => '0' };
const EMPTY_SUMMARY: UsageSummary = {
  model_name: '*',
  provider_name: '*',
  group: 'all',
  total_requests: 0,
  successful_requests: 0,
  failed_requests: 0,
  aborted_requests: 0,
  blocked_requests: 0,
  rejected_requests: 0,
  total_prompt_tokens: 0,
  total_completion_tokens: 0,
  total_tokens: 0,
  total_cached_tokens: 0,
  total_cache_write_tokens: 0,
  total_reasoning_tokens: 0,
  total_cost: 0,
  total_cost_decimal: '0',
  unpriced_requests: 0,
  average_response_time: 0,
  first_request_time: 0,
  last_request_time: 0,
};

export function createUsageTracker(options: UsageTrackerOptions = {}): UsageTracker {
  return new UsageTracker(options);
}

/** The `[llm.usage]` defaults, stated once. */
export const DEFAULT_USAGE_SETTINGS = {
  store: 'jsonl',
  durability: 'batched',
  /** ms: pending records reach the disk at most this long after being recorded (batched mode). */
  flush_interval: 1000,
  /** …or as soon as this many are pending. */
  batch_size: 1000,
} as const satisfies UsageSettings;

/** The default `usage_data_dir`, as @llm/config documents it. */
export const DEFAULT_USAGE_DATA_DIR = './data/llm-usage';

export interface ResolvedUsageSettings {
  store: 'jsonl' | 'memory';
  durability: 'batched' | 'sync';
  flush_interval: number;
  batch_size: number;
  retention_days?: number;
  archive_after_days?: number;
}

export function resolveUsageSettings(settings: UsageSettings = {}): ResolvedUsageSettings {
  return {
    store: settings.store ?? DEFAULT_USAGE_SETTINGS.store,
    durability: settings.durability ?? DEFAULT_USAGE_SETTINGS.durability,
    flush_interval: settings.flush_interval ?? DEFAULT_USAGE_SETTINGS.flush_interval,
    batch_size: settings.batch_size ?? DEFAULT_USAGE_SETTINGS.batch_size,
    retention_days: settings.retention_days,
    archive_after_days: settings.archive_after_days,
  };
}
