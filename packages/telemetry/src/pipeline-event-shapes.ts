// The pipeline and router events as telemetry reads them. Their payloads are declared by the
// packages that emit them (`@llm/retry`, `@llm/router`), which a capability package may not import;
// these are the fields read here, each optional where an emitter may leave it out.
import type { CallScoped } from './event-source';

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
