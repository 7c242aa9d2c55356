import type { Clock } from '@llm/core';
import type { TypedEventEmitter } from '../events/typed-event-emitter';
import type { ResolvedRetryOptions } from '../retry/resolve-retry-options';
import type { RunWithRetriesOptions } from '../retry/run-with-retries';
import type { ResolvedTimeouts } from '../timeout/resolve-timeouts';
import { timeoutError, type TimeoutKind } from '../timeout/timeout-error';
import type { PipelineEvents } from './pipeline-events';
import type { PipelineGuards } from './pipeline-guards';

/** What a pipeline's call paths share. */
export interface PipelineContext {
  readonly providerName: string;
  readonly clock: Clock;
  readonly random: () => number;
  readonly retry: ResolvedRetryOptions;
  readonly timeouts: ResolvedTimeouts;
  readonly guards: PipelineGuards;
  readonly events: TypedEventEmitter<PipelineEvents>;
}

/** The retry-loop settings of one call, with its events tagged by provider and model. */
export function retryRun(
  context: PipelineContext,
  signal: AbortSignal,
  model: string | undefined,
): RunWithRetriesOptions {
  const provider = context.providerName;
  return {
    options: context.retry,
    clock: context.clock,
    random: context.random,
    signal,
    providerName: provider,
    onRetry: (event) => context.events.emit('retry', { provider, model, ...event }),
    onGiveUp: (event) => context.events.emit('give-up', { provider, model, ...event }),
  };
}

/** The timeout error and event of one budget. */
export function timeoutReporting(
  context: PipelineContext,
  kind: TimeoutKind,
  timeoutMs: number | undefined,
  model?: string,
  attempt?: number,
) {
  const provider = context.providerName;
  return {
    error: () => timeoutError({ kind, timeoutMs: timeoutMs ?? 0, providerName: provider, model }),
    onTimeout: () =>
      context.events.emit('timeout', { provider, model, kind, timeoutMs: timeoutMs ?? 0, attempt }),
  };
}

/** A user's token counter must not break a call that succeeded. */
export function safeTokens<T>(
  count: ((value: T) => number | undefined) | undefined,
  value: T,
): number | undefined {
  try {
    return count?.(value);
  } catch {
    return undefined;
  }
}
