import type { LLMErrorType } from '@llm/core';
import type { RoutingStrategyName } from './routing-schemas';

/** Why an attempt goes where it goes. */
export type RouteReason = 'first' | 'retry' | 'key_rotation' | 'fallback' | 'context_fallback';

/** Once per attempt, before it is sent. */
export interface RouteEvent {
  readonly callId: string;
  /** 1-based, counted across every deployment of the call. */
  readonly attempt: number;
  readonly deployment: { readonly provider: string; readonly model: string };
  readonly strategy: RoutingStrategyName;
  readonly reason: RouteReason;
  readonly delayMs: number;
  /** The key's fingerprint, never the key. */
  readonly key?: string;
}

/** When a call leaves one deployment for another. */
export interface FallbackEvent {
  readonly callId: string;
  /** `provider/model` of the deployment left and the one tried next. */
  readonly from: string;
  readonly to: string;
  readonly errorType: LLMErrorType;
}

export interface RouterEvents {
  route: RouteEvent;
  fallback: FallbackEvent;
}

export type Listener<Payload> = (payload: Payload) => void;

/**
 * The project's event style (as in @llm/retry): `on(name, listener)` returns an unsubscribe
 * function, and a listener that throws is skipped, because observing a call must never change it.
 */
export class RouterEventEmitter {
  readonly #listeners = new Map<keyof RouterEvents, Set<Listener<never>>>();

  on<Name extends keyof RouterEvents>(
    event: Name,
    listener: Listener<RouterEvents[Name]>,
  ): () => void {
    const listeners = this.#listeners.get(event) ?? new Set();
    listeners.add(listener as Listener<never>);
    this.#listeners.set(event, listeners);
    return () => void this.#listeners.get(event)?.delete(listener as Listener<never>);
  }

  emit<Name extends keyof RouterEvents>(event: Name, payload: RouterEvents[Name]): void {
    const listeners = this.#listeners.get(event);
    if (!listeners) return;
    for (const listener of [...listeners]) {
      try {
        (listener as Listener<RouterEvents[Name]>)(payload);
      } catch {
        // Observers must not break the call they observe.
      }
    }
  }
}
