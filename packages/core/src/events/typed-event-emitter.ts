/** A listener of one event; its return value is ignored. */
export type Listener<Payload> = (payload: Payload) => void;

/**
 * The one event style of every package (retry's policies and pipeline, the router): `on(name, listener)` returns an
 * unsubscribe function. A listener that throws is skipped, because observing a call must never
 * change its outcome.
 */
export class TypedEventEmitter<Events extends object> {
  readonly #listeners = new Map<keyof Events, Set<Listener<never>>>();

  on<Name extends keyof Events>(event: Name, listener: Listener<Events[Name]>): () => void {
    const listeners = this.#listeners.get(event) ?? new Set();
    listeners.add(listener as Listener<never>);
    this.#listeners.set(event, listeners);
    return () => this.off(event, listener);
  }

  off<Name extends keyof Events>(event: Name, listener: Listener<Events[Name]>): void {
    this.#listeners.get(event)?.delete(listener as Listener<never>);
  }

  emit<Name extends keyof Events>(event: Name, payload: Events[Name]): void {
    const listeners = this.#listeners.get(event);
    if (!listeners) return;
    for (const listener of [...listeners]) {
      try {
        (listener as Listener<Events[Name]>)(payload);
      } catch {
        // Observers must not break the call they observe.
      }
    }
  }

  /** Whether `listener` is subscribed to `event`. */
  has<Name extends keyof Events>(event: Name, listener: Listener<Events[Name]>): boolean {
    return this.#listeners.get(event)?.has(listener as Listener<never>) ?? false;
  }

  listenerCount(event: keyof Events): number {
    return this.#listeners.get(event)?.size ?? 0;
  }
}
