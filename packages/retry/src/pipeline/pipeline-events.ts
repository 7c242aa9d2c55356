import type { LLMError } from '@llm/core';
import type { CircuitStateChange } from '../circuit-breaker/circuit-state';
import type { RateLimitedEvent } from '../rate-limit/acquire-permit';
import type { RateAdjustedEvent } from '../rate-limit/rate-limiter';
import type { RetryStopReason } from '../retry/plan-retry';
import type { TimeoutKind } from '../timeout/timeout-error';

/** What a pipeline reports; subscribe with `pipeline.on(name, listener)`. */
export interface PipelineEvents {
  /** A failed attempt that will be retried after `delayMs`. */
  retry: { provider: string; model?: string; attempt: number; error: LLMError; delayMs: number };
  /** The call stopped retrying and rejects with `error`. */
  'give-up': {
    provider: string;
    model?: string;
    attempts: number;
    error: LLMError;
    reason: RetryStopReason;
  };
  /** A breaker this pipeline used changed state. */
  'breaker-state': CircuitStateChange;
  /** A local limit delayed (`rejected: false`) or refused a call. */
  'rate-limited': RateLimitedEvent;
  /** The adaptive limiter changed the allowed rate. */
  'rate-adjusted': RateAdjustedEvent;
  /** An attempt, a call or a stream ran out of time. */
  timeout: {
    provider: string;
    model?: string;
    kind: TimeoutKind;
    timeoutMs: number;
    attempt?: number;
  };
}
