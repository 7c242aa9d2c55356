export * from './defaults/resilience-defaults';
export * from './events/typed-event-emitter';
export * from './policy/policy';
export * from './policy/compose-policies';

export * from './retry/backoff-delay';
export * from './retry/apply-jitter';
export * from './retry/resolve-retry-options';
export * from './retry/plan-retry';
export * from './retry/run-with-retries';
export * from './retry/retry-policy';

export * from './circuit-breaker/circuit-state';
export * from './circuit-breaker/circuit-open-error';
export * from './circuit-breaker/classify-breaker-outcome';
export * from './circuit-breaker/resolve-circuit-breaker-options';
export * from './circuit-breaker/circuit-breaker';
export * from './circuit-breaker/circuit-breaker-registry';

export * from './rate-limit/timed-limit';
export * from './rate-limit/token-bucket';
export * from './rate-limit/sliding-window-limit';
export * from './rate-limit/adaptive-rate-limit';
export * from './rate-limit/concurrency-limiter';
export * from './rate-limit/local-rate-limit-error';
export * from './rate-limit/limit-scope';
export * from './rate-limit/acquire-permit';
export * from './rate-limit/rate-limiter';

export * from './timeout/timeout-error';
export * from './timeout/resolve-timeouts';
export * from './timeout/timeout-policy';

export * from './pipeline/pipeline-events';
export type { ExecuteOptions } from './pipeline/execute-call';
export type { ExecuteStreamOptions } from './pipeline/execute-stream';
export * from './pipeline/resilience-pipeline';
