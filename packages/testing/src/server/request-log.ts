import type { RecordedRequest } from '../simulator-types';
import { TimedWaiters } from './timed-waiters';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Every request received, in order, and who closed early. */
export class RequestLog {
  /** Mutated in place so a reference handed out stays live across `reset()`. */
  readonly records: RecordedRequest[] = [];
  #nextId = 1;
  readonly #claimed = new Set<number>();
  readonly #waiters = new TimedWaiters<RecordedRequest>();

  add(fields: Omit<RecordedRequest, 'id' | 'closedByClientAt'>): RecordedRequest {
    const record: RecordedRequest = { id: this.#nextId, ...fields };
    this.#nextId += 1;
    this.records.push(record);
    return record;
  }

  markClientClosed(record: RecordedRequest, at: number = Date.now()): void {
    if (record.closedByClientAt !== undefined) return;
    (record as Mutable<RecordedRequest>).closedByClientAt = at;
    if (this.#waiters.resolveNext(record)) this.#claimed.add(record.id);
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
    return this.#waiters.wait(
      timeoutMs,
      () => `llm-sim: no client closed a connection early within ${timeoutMs} ms`,
    );
  }

  reset(): void {
    this.records.length = 0;
    this.#claimed.clear();
  }

  /** Fail every pending wait: the simulator is closing. */
  close(): void {
    this.#waiters.rejectAll('llm-sim: the simulator closed');
  }
}
