// The payloads of the call-lifecycle events the manager emits and telemetry reads: declared once
// here, so the emitter and its subscribers cannot drift apart. Types only.
import type { EmbeddingRequest, EmbeddingResponse } from '../schemas/embedding';
import type { LLMRequest } from '../schemas/request';
import type { LLMResponse } from '../schemas/response';
import type { TokenUsage } from '../schemas/token-usage';

/** What kind of call an event belongs to. */
export type CallOperation = 'chat' | 'embedding';

/**
 * Which call (and which attempt of it) an event of a pipeline or of the router belongs to. Present
 * when the event happened while a call was running; a breaker that changes state on its own
 * timer, for one, belongs to no call.
 */
export interface CallEventContext {
  readonly call_id?: string;
  readonly request_id?: string;
  readonly provider?: string;
  readonly model?: string;
  /** 1-based provider request of the call (retries and failovers counted). */
  readonly attempt?: number;
}

/** A call arrived (before validation, so `model` is what the request named). */
export interface CallStartEvent {
  readonly call_id: string;
  readonly request_id: string;
  readonly operation: CallOperation;
  readonly stream: boolean;
  /** The model as requested: a logical model, a `provider/model` pair or a plain name. */
  readonly model: string;
  /** The provider the request named, if it named one. */
  readonly provider?: string;
  /** The request as the caller gave it (for tracing attributes and debug logs; never stored by the manager). */
  readonly request?: unknown;
}

/** One provider request of a call is about to be sent. */
export interface AttemptStartEvent {
  readonly call_id: string;
  readonly request_id: string;
  readonly attempt: number;
  readonly provider: string;
  readonly model: string;
  /**
   * The request as this deployment gets it (model resolved, defaults applied; by reference, never
   * copied: read it, do not change it). For debug logs; it may hold message content, never the
   * provider's key.
   */
  readonly request?: LLMRequest | EmbeddingRequest;
}

/** One provider request of a call ended. */
export interface AttemptEndEvent extends Omit<AttemptStartEvent, 'request'> {
  /** `success` or the error type. */
  readonly outcome: string;
  readonly duration_ms: number;
  /** The HTTP status of a failure, when the provider sent one. */
  readonly status?: number;
  readonly error_type?: string;
  /** Streams: milliseconds from sending the request to the first chunk. */
  readonly ttfc_ms?: number;
  /** The answer of a successful non-streaming attempt (the provider's response, by reference); for debug logs. */
  readonly response?: LLMResponse | EmbeddingResponse;
}

/** What a call cost in one currency: `cost_decimal` is exact (`"0.000125"`), `cost` its number for display. */
export interface CallCost {
  readonly currency: string;
  readonly cost: number;
  readonly cost_decimal: string;
}

/** A call ended: answered, failed, refused, or (streams) stopped by the consumer. */
export interface CallEndEvent {
  readonly call_id: string;
  readonly request_id: string;
  readonly operation: CallOperation;
  readonly stream: boolean;
  /** The provider that answered, or the last one tried (`(none)` when the call reached none). */
  readonly provider: string;
  /** The model that answered, or the last one tried (what the request named when none was). */
  readonly model: string;
  /** `success` or the error type (`aborted` for a caller's abort or a stream the consumer left). */
  readonly outcome: string;
  readonly duration_ms: number;
  /** Provider requests the call made, every retry and failover included. */
  readonly attempts: number;
  /** The priced usage of the answer (or of what a failed call is known to have used). */
  readonly usage?: TokenUsage;
  /**
   * What every attempt of the call priced in `currency` cost, failed ones included: the first
   * currency the call was priced in (see `costs` for all of them).
   */
  readonly cost?: number;
  readonly currency?: string;
  /** Exact decimal form of `cost`. */
  readonly cost_decimal?: string;
  /**
   * What the call's attempts cost in every currency they were priced in (failing over between
   * deployments billed in different currencies gives one entry each), in the order they appeared.
   * Subscribers count every entry.
   */
  readonly costs?: readonly CallCost[];
  readonly error_type?: string;
  readonly error_message?: string;
  /** Streams: milliseconds from the call's start to the first chunk the caller got. */
  readonly ttfc_ms?: number;
  /** True when the response cache answered (then `attempts` is 0 and `cost` 0). */
  readonly cache_hit?: boolean;
  /** The model name the provider's answer carried. */
  readonly response_model?: string;
  readonly finish_reason?: string;
  /** The answer's text (shown only by subscribers that opt in to content). */
  readonly content?: string;
}

/** A response-cache lookup of a call; `key_hash` is the request's hash, never its content. */
export interface CacheLookupEvent {
  readonly call_id: string;
  readonly request_id: string;
  readonly model: string;
  readonly key_hash: string;
}
