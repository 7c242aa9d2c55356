import type { Clock, TimerHandle, UsageRecord } from '@llm/core';
import type { UsageStore } from '../store/usage-store';

export interface WriteBatcherOptions {
  store: UsageStore;
  clock: Clock;
  /** `batched`: add() resolves at once; `sync`: it resolves once the record is durable. */
  durability: 'batched' | 'sync';
  /** Batched mode: pending records are written at the latest this long after the first of them. */
  flushInterval: number;
  /** Batched mode: …or as soon as this many are pending. */
  batchSize: number;
  /** A write failed; its records stay pending and are retried after `flushInterval` (at least 1 s). */
  onError(error: unknown): void;
  /** A write succeeded (after a failure, the ledger works again). */
  onWritten?(): void;
}

interface Waiter {
  promise: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
}

const RESOLVED = Promise.resolve();
const MAX_RECORDS_PER_WRITE = 10_000;

function newWaiter(): Waiter {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((onResolve, onReject) => {
    resolve = onResolve;
    reject = onReject;
  });
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

/**
 * Keeps the caller's path off the disk: `add` only queues. One write runs at a time; records that
 * arrive meanwhile form the next write (group commit), which is also how `sync` mode shares fsyncs.
 */
export class WriteBatcher {
  private pending: UsageRecord[] = [];
  private nextBatchWaiter: Waiter | undefined;
  private writing: Promise<void> | undefined;
  private timer: TimerHandle | undefined;
  private added = 0;
  private settled = 0;
  private lastError: unknown;
  private readonly sync: boolean;

  constructor(private readonly options: WriteBatcherOptions) {
    this.sync = options.durability === 'sync';
  }

  get pendingCount(): number {
    return this.pending.length;
  }

  /** The records not written yet (those a failing disk keeps in memory), oldest first. */
  pendingRecords(): readonly UsageRecord[] {
    return this.pending;
  }

  add(record: UsageRecord): Promise<void> {
    this.pending.push(record);
    this.added += 1;
    if (this.sync) {
      this.nextBatchWaiter ??= newWaiter();
      if (!this.writing) queueMicrotask(() => this.start());
      return this.nextBatchWaiter.promise;
    }
    if (this.pending.length >= this.options.batchSize) this.start();
    else if (!this.timer && !this.writing) this.schedule(this.options.flushInterval);
    return RESOLVED;
  }

  /** Resolves once every record added before the call is written (rejects if a write keeps failing). */
  async flush(): Promise<void> {
    const target = this.added;
    while (this.settled < target) {
      this.lastError = undefined;
      this.start();
      await this.writing;
      if (this.lastError !== undefined) throw this.lastError;
    }
  }

  /** Writes what is pending with synchronous I/O (process exit and signal handlers). */
  flushSync(): void {
    if (this.pending.length === 0) return;
    const batch = this.pending.splice(0);
    const waiter = this.nextBatchWaiter;
    this.nextBatchWaiter = undefined;
    try {
      this.options.store.appendSync(batch, { sync: this.sync });
      this.settled += batch.length;
      waiter?.resolve();
    } catch (error) {
      this.pending.unshift(...batch);
      this.nextBatchWaiter = waiter;
      throw error;
    }
  }

  cancelTimer(): void {
    this.timer?.cancel();
    this.timer = undefined;
  }

  private schedule(delay: number): void {
    // Background: pending records never hold a script open; the beforeExit hook flushes them.
    this.timer = this.options.clock.setTimer(
      () => {
        this.timer = undefined;
        this.start();
      },
      delay,
      { background: true },
    );
  }

  private start(): void {
    if (this.writing || this.pending.length === 0) return;
    this.cancelTimer();
    this.writing = this.drain().finally(() => {
      this.writing = undefined;
      if (this.pending.length === 0 || this.timer) return;
      if (this.sync || this.pending.length >= this.options.batchSize) this.start();
      else this.schedule(this.options.flushInterval);
    });
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      const waiter = this.nextBatchWaiter;
      this.nextBatchWaiter = undefined;
      const batch = this.sync
        ? this.pending.splice(0)
        : this.pending.splice(0, MAX_RECORDS_PER_WRITE);
      try {
        await this.options.store.append(batch, { sync: this.sync });
        this.settled += batch.length;
        waiter?.resolve();
        this.options.onWritten?.();
      } catch (error) {
        this.lastError = error;
        // The records are kept and retried, in both modes; `sync` callers also learn that their
        // records are not durable yet from their rejected add().
        this.pending.unshift(...batch);
        waiter?.reject(error);
        this.options.onError(error);
        this.schedule(Math.max(this.options.flushInterval, 1000));
        return;
      }
    }
  }
}
