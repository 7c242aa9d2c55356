// What telemetry observes: anything with `on(name, listener)` (the manager, or a plain EventEmitter
// in tests), so this package imports no manager. The call-lifecycle payloads are `@llm/core`'s
// (`CallStartEvent`, `CallEndEvent`, …); the pipeline and router events are read by the shapes in
// pipeline-event-shapes.ts.

/**
 * A listener as emitters declare it. `any` because Node's untyped EventEmitter declares
 * `(...args: any[])`, which no narrower parameter type accepts; payloads are typed per event.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyListener = (...args: any[]) => void;

/** Anything events can be read from: Node's EventEmitter, the LLMManager. */
export interface TelemetryEventSource {
  on(event: string, listener: AnyListener): unknown;
  off?(event: string, listener: AnyListener): unknown;
  removeListener?(event: string, listener: AnyListener): unknown;
}

/** The identity fields of a call-scoped event; older emitters spell the call id `callId`. */
export interface CallScoped {
  readonly call_id?: string;
  readonly callId?: string;
  readonly request_id?: string;
}

/** The call id of a call-scoped event, however the emitter spells it. */
export function callIdOf(event: CallScoped): string | undefined {
  return event.call_id ?? event.callId;
}

/**
 * Subscribes `listeners` to `source` and returns what removes them again. A listener that throws is
 * swallowed: observing a call must never change it. Only the events listed are subscribed, so an
 * event no subscriber needs costs the emitter nothing here.
 */
export function subscribe(
  source: TelemetryEventSource,
  listeners: Readonly<Record<string, (payload: never) => void>>,
): () => void {
  const attached: Array<[string, AnyListener]> = [];
  for (const event of Object.keys(listeners)) {
    const listener = listeners[event] as (payload: unknown) => void;
    const safe: AnyListener = (payload: unknown) => {
      try {
        listener(payload);
      } catch {
        // Telemetry is an observer: its failure is not the call's.
      }
    };
    source.on(event, safe);
    attached.push([event, safe]);
  }
  return () => {
    for (const [event, listener] of attached) {
      if (source.off) source.off(event, listener);
      else source.removeListener?.(event, listener);
    }
  };
}
