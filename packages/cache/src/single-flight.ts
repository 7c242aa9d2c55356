// Concurrent identical requests: the first one goes to the provider, the others wait for its answer.

/** Work in flight by key; a finished or failed flight is forgotten at once. */
export class SingleFlight<Value> {
  readonly #flights = new Map<string, Promise<Value>>();

  /** The flight already running for `key`, if any. */
  join(key: string): Promise<Value> | undefined {
    return this.#flights.get(key);
  }

  /** Runs `work` as the flight of `key`; callers that `join` meanwhile share its result. */
  lead(key: string, work: Promise<Value>): Promise<Value> {
    const flight = work.finally(() => {
      if (this.#flights.get(key) === flight) this.#flights.delete(key);
    });
    // Followers observe failures themselves; the map's copy must not raise an unhandled rejection.
    flight.catch(() => {});
    this.#flights.set(key, flight);
    return flight;
  }

  get size(): number {
    return this.#flights.size;
  }
}
