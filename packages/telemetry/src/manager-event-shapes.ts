// The events telemetry listens to, declared by shape: any emitter with `on(name, listener)` (the
// manager, or a plain EventEmitter in tests) can be observed, and this package imports no manager.
import type { LLMRequest, TokenUsage } from '@llm/core';

/**
 * A listener as emitters declare it. `any` because Node's untyped EventEmitter declares
 * `(...args: any[])`, which no narrower parameter type accepts; payloads are typed per event below.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyListener = (...args: any[]) => void;

/** Anything events can be read from: Node's EventEmitter, the LLMManager. */
export interface TelemetryEventSource {
  on(event: string, listener: AnyListener): unknown;
  off?(event: string, listener: AnyListener): unknown;
  removeListener?(event: string, listener: AnyListener): unknown;
}

/** Identity fields every call-scoped event carries; older emitters spell the call id `callId`. */
export interface CallScoped {
  readonly call_id?: string;
  readonly callId?: string;
  readonly request_id?: string;
}

export interface CallStartEvent extends CallScoped {
  readonly operation: 'chat' | 'embedding';
  readonly stream: boolean;
  readonly model: string;
  readonly provider?: string;
  /** The request as the caller gave it, when the emitter shares it (sampling attributes, content). */
  readonly request?: Partial<LLMRequest>;
}

export interface AttemptStartEvent extends CallScoped {
  readonly attempt: number;
  readonly provider: string;
  readonly model: string;
}

export interface AttemptEndEvent extends AttemptStartEvent {
  readonly outcome: string;
  readonly duration_ms: number;
  readonly status?: number;
  readonly error_type?: string;
  readonly ttfc_ms?: number;
}

export interface CallEndEvent extends CallScoped {
  readonly operation: 'chat' | 'embedding';
  readonly stream: boolean;
  readonly provider: string;
  readonly model: string;
  /** `success`, or the error type that ended the call. */
  readonly outcome: string;
  readonly duration_ms: number;
  readonly attempts: number;
  readonly usage?: TokenUsage;
  readonly cost?: number;
  readonly currency?: string;
  readonly cost_decimal?: string;
  readonly error_type?: string;
  readonly error_message?: string;
  readonly ttfc_ms?: number;
  /** True when the response cache answered (no provider processed any token). */
  readonly cache_hit?: boolean;
  /** The model that answered, as the provider named it. */
  readonly response_model?: string;
  readonly finish_reason?: string;
  /** The answer's text, when the emitter shares it (recorded only when content recording is on). */
  readonly content?: string;
}

export interface RetryEvent extends CallScoped {
  readonly provider: string;
  readonly model?: string;
  readonly attempt: number;
  readonly delayMs?: number;
  readonly error?: {
    readonly type?: string;
    readonly statusCode?: number;
    readonly message?: string;
  };
}

export interface FallbackEvent extends CallScoped {
  readonly from: string;
  readonly to: string;
  readonly errorType?: string;
  readonly attempt?: number;
}

export interface BreakerStateEvent {
  readonly provider: string;
  readonly model?: string;
  readonly from: string;
  readonly to: string;
  readonly reason?: string;
}

export interface RateLimitedEvent extends CallScoped {
  readonly provider: string;
  readonly model?: string;
  readonly limit?: string;
  readonly waitMs?: number;
  readonly rejected?: boolean;
}

export interface CacheEvent extends CallScoped {
  readonly model: string;
  readonly key_hash: string;
}

/** The call id of a call-scoped event, however the emitter spells it. */
export function callIdOf(event: CallScoped): string | undefined {
  return event.call_id ?? event.callId;
}

/**
 * Subscribes `listeners` to `source` and returns what removes them again. A listener that throws is
 * swallowed: observing a call must never change it.
 */
export function subscribe(
  source: TelemetryEventSource,
  listeners: Readonly<Record<string, (payload: never) => void>>,
): () => void {
  const attached: Array<[string, AnyListener]> = [];
  for (const [event, listener] of Object.entries(listeners)) {
    const safe: AnyListener = (payload: unknown) => {
      try {
        listener(payload as never);
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
