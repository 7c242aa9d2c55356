import type { Socket } from 'node:net';
import type { ConnectionStats } from '../simulator-types';
import { TimedWaiters } from './timed-waiters';

/**
 * The TCP connections the simulator accepted: how many were opened, how many are open now and the
 * most that were open at once. What a client's connection pool does (keep-alive reuse, its size,
 * closing its sockets on dispose) shows here, where the request log cannot see it.
 */
export class ConnectionLog {
  #opened = 0;
  #open = 0;
  #peak = 0;
  readonly #waiters = new TimedWaiters<void>();

  /** Counts `socket` until it closes. */
  track(socket: Socket): void {
    this.#opened += 1;
    this.#open += 1;
    if (this.#open > this.#peak) this.#peak = this.#open;
    socket.once('close', () => {
      this.#open -= 1;
      if (this.#open === 0) this.#waiters.resolveAll();
    });
  }

  stats(): ConnectionStats {
    return { opened: this.#opened, open: this.#open, peak: this.#peak };
  }

  /** Resolves once no connection is open (at once when none is); rejects after `timeoutMs`. */
  waitForAllClosed(timeoutMs: number): Promise<void> {
    if (this.#open === 0) return Promise.resolve();
    return this.#waiters.wait(
      timeoutMs,
      () =>
        `llm-sim: ${this.#open} connection(s) still open after ${timeoutMs} ms (the client kept its sockets)`,
    );
  }

  /** Counts from now: `opened` 0 and `peak` the connections open at this moment. */
  reset(): void {
    this.#opened = 0;
    this.#peak = this.#open;
  }

  /** Fail every pending wait: the simulator is closing. */
  close(): void {
    this.#waiters.rejectAll('llm-sim: the simulator closed');
  }
}
