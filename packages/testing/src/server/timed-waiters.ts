interface Waiter<Value> {
  resolve(value: Value): void;
  reject(error: Error): void;
}

/**
 * Callers waiting for something the simulator has not seen yet, each with a timeout: what the
 * request log's and the connection log's waits share.
 */
export class TimedWaiters<Value> {
  #waiters: Waiter<Value>[] = [];

  /** Waits until `resolveNext`/`resolveAll` gives a value; rejects with `timeoutMessage()` after `timeoutMs`. */
  wait(timeoutMs: number, timeoutMessage: () => string): Promise<Value> {
    return new Promise((resolve, reject) => {
      const waiter: Waiter<Value> = {
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      const timer = setTimeout(() => {
        this.#waiters = this.#waiters.filter((candidate) => candidate !== waiter);
        reject(new Error(timeoutMessage()));
      }, timeoutMs);
      this.#waiters.push(waiter);
    });
  }

  /** Gives `value` to the longest-waiting caller; false when nobody waits. */
  resolveNext(value: Value): boolean {
    const waiter = this.#waiters.shift();
    waiter?.resolve(value);
    return waiter !== undefined;
  }

  resolveAll(value: Value): void {
    for (const waiter of this.#take()) waiter.resolve(value);
  }

  /** Fails every pending wait with `message` (the simulator is closing). */
  rejectAll(message: string): void {
    for (const waiter of this.#take()) waiter.reject(new Error(message));
  }

  #take(): Waiter<Value>[] {
    const waiters = this.#waiters;
    this.#waiters = [];
    return waiters;
  }
}
