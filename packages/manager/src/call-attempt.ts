import {
  LLMError,
  LLMErrorType,
  toLLMError,
  type CallAttempt,
  type LLMErrorAttempt,
  type TokenUsage,
} from '@llm/core';
import type { ProviderEntry } from './provider-runtime';

/** One provider request of a call, from the moment it is sent until it ends. */
export class CallAttemptState {
  ended = false;
  firstChunkAt: number | undefined;
  outcome: string | undefined;
  error: LLMError | undefined;
  endedAt: number | undefined;
  /** Priced usage of a failed attempt (what the provider reported, else an estimate). */
  usage: TokenUsage | undefined;

  constructor(
    readonly number: number,
    readonly entry: ProviderEntry,
    readonly model: string,
    readonly startedAt: number,
  ) {}

  get provider(): string {
    return this.entry.provider.name;
  }
}

/** How long an attempt took (until `now` while it runs). */
function durationOf(attempt: CallAttemptState, now: number): number {
  return Math.max(0, (attempt.endedAt ?? now) - attempt.startedAt);
}

/** An attempt as the response's `metadata.attempts` lists it. */
export function responseAttempt(attempt: CallAttemptState, now: number): CallAttempt {
  return {
    provider: attempt.provider,
    model: attempt.model,
    outcome: attempt.outcome ?? 'success',
    duration_ms: durationOf(attempt, now),
    ...(attempt.error?.statusCode === undefined ? {} : { status: attempt.error.statusCode }),
  };
}

/** An attempt as a failed call's error lists it: deployment, error type, status, duration. */
export function errorAttempt(attempt: CallAttemptState, now: number): LLMErrorAttempt {
  return {
    attempt: attempt.number,
    type: (attempt.error?.type ?? LLMErrorType.UNKNOWN_ERROR) as LLMErrorType,
    message: attempt.error?.message ?? '',
    provider: attempt.provider,
    model: attempt.model,
    duration_ms: durationOf(attempt, now),
    ...(attempt.error?.statusCode === undefined ? {} : { statusCode: attempt.error.statusCode }),
  };
}

/**
 * The error one attempt ended with, as the pipeline sees it: a time budget that ran out aborts the
 * attempt's signal with its own timeout error, which the provider then reports as an abort. A
 * caller's abort or the call's deadline is left to the caller of the pipeline (undefined here).
 */
export function attemptError(
  thrown: unknown,
  signal: AbortSignal,
  providerName: string,
): LLMError | undefined {
  if (signal.aborted) return LLMError.is(signal.reason) ? signal.reason : undefined;
  return toLLMError(thrown, providerName);
}
