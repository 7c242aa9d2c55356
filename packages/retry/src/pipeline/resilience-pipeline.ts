import {
  systemClock,
  type CircuitBreakerConfig,
  type Clock,
  type RateLimitConfig,
  type RetryConfig,
  type TimeoutConfig,
} from '@llm/core';
import { CircuitBreakerRegistry } from '../circuit-breaker/circuit-breaker-registry';
import type { CircuitState } from '../circuit-breaker/circuit-state';
import { TypedEventEmitter } from '../events/typed-event-emitter';
import type { AttemptContext } from '../policy/policy';
import { resolveRetryOptions } from '../retry/resolve-retry-options';
import { resolveTimeouts } from '../timeout/resolve-timeouts';
import { executeCall, type ExecuteOptions } from './execute-call';
import { executeStream, type ExecuteStreamOptions } from './execute-stream';
import type { PipelineContext } from './pipeline-context';
import type { PipelineEvents } from './pipeline-events';
import { PipelineGuards } from './pipeline-guards';

export interface ResiliencePipelineOptions {
  readonly providerName: string;
  readonly retry?: RetryConfig;
  readonly circuitBreaker?: CircuitBreakerConfig;
  readonly rateLimit?: RateLimitConfig;
  readonly timeouts?: TimeoutConfig;
  /** Extra limits per model, applied together with the provider's `rateLimit`. */
  readonly modelRateLimits?: Readonly<Record<string, RateLimitConfig>>;
  /** Shared across pipelines and config reloads; a private one is made when absent. */
  readonly breakers?: CircuitBreakerRegistry;
  readonly clock?: Clock;
  /** [0, 1) source for jitter. */
  readonly random?: () => number;
}

/** Every policy of one provider, composed as retry(breaker(limiter(timeout(call)))). */
export interface ResiliencePipeline {
  readonly providerName: string;
  execute<T>(fn: (context: AttemptContext) => Promise<T>, options?: ExecuteOptions<T>): Promise<T>;
  executeStream<T>(
    open: (context: AttemptContext) => AsyncIterable<T>,
    options?: ExecuteStreamOptions<T>,
  ): AsyncIterable<T>;
  on<Name extends keyof PipelineEvents>(
    event: Name,
    listener: (payload: PipelineEvents[Name]) => void,
  ): () => void;
  /** The breaker guarding calls to `model` (the provider's breaker unless `per_model`). */
  breakerState(model?: string): CircuitState;
  /** Every breaker of this provider (with `per_model`, one per model called), e.g. for `llm health`. */
  breakerStates(): CircuitState[];
}

/** Builds the pipeline the manager runs every call of a provider through. Config errors throw here. */
export function createResiliencePipeline(options: ResiliencePipelineOptions): ResiliencePipeline {
  const clock = options.clock ?? systemClock;
  const events = new TypedEventEmitter<PipelineEvents>();
  const context: PipelineContext = {
    providerName: options.providerName,
    clock,
    random: options.random ?? Math.random,
    retry: resolveRetryOptions(options.retry),
    timeouts: resolveTimeouts(options.timeouts),
    events,
    guards: new PipelineGuards({
      providerName: options.providerName,
      circuitBreaker: options.circuitBreaker,
      rateLimit: options.rateLimit,
      modelRateLimits: options.modelRateLimits,
      breakers: options.breakers ?? new CircuitBreakerRegistry({ clock }),
      clock,
      events,
    }),
  };
  return {
    providerName: options.providerName,
    execute: (fn, callOptions) => executeCall(context, fn, callOptions),
    executeStream: (open, callOptions) => executeStream(context, open, callOptions),
    on: (event, listener) => events.on(event, listener),
    breakerState: (model) => context.guards.breakerState(model),
    breakerStates: () => context.guards.breakerStates(),
  };
}
