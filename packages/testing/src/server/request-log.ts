import type { RecordedRequest } from '../simulator-types';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

interface Waiter {
  resolve(record: RecordedRequest): void;
  reject(error: Error): void;
}

/** Every request received, in order, and who closed early. */
export class RequestLog {
  /** Mutated in place so a reference handed out stays live across `reset()`. */
  readonly records: RecordedRequest[] = [];
  #nextId = 1;
  readonly #claimed = new Set<number>();
  #waiters: Waiter[] = [];

  add(fields: Omit<RecordedRequest, 'id' | 'closedByClientAt'>): RecordedRequest {
    const record: RecordedRequest = { id: this.#nextId, ...fields };
    this.#nextId += 1;
    this.records.push(record);
    return record;
  }

  markClientClosed(record: RecordedRequest, at: number = Date.now()): void {
    if (record.closedByClientAt !== undefined) return;
    (record as Mutable<RecordedRequest>).closedByClientAt = at;
    const waiter = this.#waiters.shift();
    if (waiter === undefined) return;
    this.#claimed.add(record.id);
    waiter.resolve(record);
  }

  /** The first early-closed request not yet returned by an earlier call; waits for one if none. */
  waitForClientClose(timeoutMs: number): Promise<RecordedRequest> {
    const seen = this.records.find(
      (record) => record.closedByClientAt !== undefined && !this.#claimed.has(record.id),
    );
    if (seen !== undefined) {
      this.#claimed.add(seen.id);
      return Promise.resolve(seen);
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        resolve: (record) => {
          clearTimeout(timer);
          resolve(record);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      const timer = setTimeout(() => {
        this.#waiters = this.#waiters.filter((candidate) => candidate !== waiter);
        reject(new Error(`llm-sim: no client closed a connection early within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#waiters.push(waiter);
    });
  }

  reset(): void {
    this.records.length = 0;
    this.#claimed.clear();
  }

  /** Fail every pending wait: the simulator is closing. */
  close(): void {
    for (const waiter of this.#waiters) waiter.reject(new Error('llm-sim: the simulator closed'));
    this.#waiters = [];
  }
}
