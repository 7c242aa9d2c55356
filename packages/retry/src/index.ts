// The pipeline the manager runs, and the policies it is composed of.
export {
  composePolicies,
  createResiliencePipeline,
  type AttemptContext,
  type EventOrigin,
  type ExecuteOptions,
  type ExecutionContext,
  type PipelineEvents,
  type Policy,
  type ResiliencePipeline,
  type ResiliencePipelineOptions,
} from './resilience-pipeline';
export type { ExecuteStreamOptions, StreamAttemptWatch } from './pipeline-stream';
export type { Listener } from '@llm/core';

export {
  RetryManager,
  RetryPolicy,
  type GiveUpEvent,
  type RetryEvent,
  type RetryPolicyEvents,
  type RetryPolicyOptions,
  type RetryStopReason,
} from './retry-policy';

export {
  CircuitBreaker,
  type BreakerHold,
  type BreakerTicket,
  type CircuitBreakerEvents,
  type CircuitBreakerOptions,
  type CircuitState,
  type CircuitStateChange,
  type CircuitStateName,
  type CircuitTransitionReason,
} from './circuit-breaker/circuit-breaker';
export {
  CircuitBreakerRegistry,
  type BreakerRequest,
} from './circuit-breaker/circuit-breaker-registry';
export {
  anyOfStrategies,
  ConsecutiveFailuresStrategy,
  FailureRateStrategy,
  type BreakerOpenStrategy,
  type FailureRateOptions,
  type OpenVerdict,
  type StrategyCounts,
} from './circuit-breaker/breaker-open-strategy';

export {
  createRateLimiter,
  type RateAdjustedEvent,
  type RateLimiter,
  type RateLimiterEvents,
} from './rate-limit/rate-limiter';
export type { RateLimitedEvent, RatePermit } from './rate-limit/acquire-permit';
export type { RateLimitName } from './rate-limit/limit-scope';

export {
  TimeoutPolicy,
  type TimeoutEvent,
  type TimeoutKind,
  type TimeoutPolicyOptions,
} from './timeout-policy';

export {
  ADAPTIVE_RATE_DEFAULTS,
  CIRCUIT_BREAKER_DEFAULTS,
  RATE_LIMIT_DEFAULTS,
  RETRY_DEFAULTS,
  RETRY_POLICY_DEFAULTS,
  TIMEOUT_DEFAULTS,
  type Backoff,
  type Jitter,
  type RetryTypeDefaults,
} from './resilience-defaults';
