// One provider request of a call: its state while it runs, and how responses and errors list it.
import {
  LLMError,
  LLMErrorType,
  toLLMError,
  type CallAttempt,
  type LLMErrorAttempt,
  type TokenUsage,
} from '@llm/core';
import type { AttemptEndEvent } from './manager-events';
import type { ProviderEntry } from './provider-runtime';

/**
 * One provider request of a call, from the moment it is sent until it ends. A plain object the
 * call session creates (always with every field, so every attempt has the same shape).
 */
export interface CallAttemptState {
  /** 1-based, counted across every deployment of the call. */
  readonly number: number;
  readonly entry: ProviderEntry;
  /** The entry's provider name. */
  readonly provider: string;
  readonly model: string;
  readonly startedAt: number;
  ended: boolean;
  firstChunkAt: number | undefined;
  outcome: string | undefined;
  error: LLMError | undefined;
  endedAt: number | undefined;
  /** Priced usage of a failed attempt (what the provider reported, else an estimate). */
  usage: TokenUsage | undefined;
}

/** How long an attempt took (until `now` while it runs). */
function durationOf(attempt: CallAttemptState, now: number): number {
  return Math.max(0, (attempt.endedAt ?? now) - attempt.startedAt);
}

/** Milliseconds from sending the attempt to its first chunk, once it got one. */
export function timeToFirstChunk(attempt: CallAttemptState | undefined): number | undefined {
  return attempt?.firstChunkAt === undefined ? undefined : attempt.firstChunkAt - attempt.startedAt;
}

/** The `attempt-end` event of an ended attempt (`response`: the answer of a non-streaming one). */
export function attemptEndEvent(
  callId: string,
  requestId: string,
  attempt: CallAttemptState,
  response: AttemptEndEvent['response'],
): AttemptEndEvent {
  const { error } = attempt;
  // Assigned, not spread: a spread of a conditional `{}` costs an object and a clone per attempt.
  const event: { -readonly [K in keyof AttemptEndEvent]: AttemptEndEvent[K] } = {
    call_id: callId,
    request_id: requestId,
    attempt: attempt.number,
    provider: attempt.provider,
    model: attempt.model,
    outcome: attempt.outcome ?? 'success',
    duration_ms: durationOf(attempt, attempt.startedAt),
  };
  if (error) {
    if (error.statusCode !== undefined) event.status = error.statusCode;
    event.error_type = error.type;
  }
  if (attempt.firstChunkAt !== undefined) event.ttfc_ms = attempt.firstChunkAt - attempt.startedAt;
  if (response !== undefined) event.response = response;
  return event;
}

/** An attempt as the response's `metadata.attempts` lists it. */
export function responseAttempt(attempt: CallAttemptState, now: number): CallAttempt {
  // Assigned, not spread: every answer lists its attempts (a spread of `{}` costs a clone).
  const listed: CallAttempt = {
    provider: attempt.provider,
    model: attempt.model,
    outcome: attempt.outcome ?? 'success',
    duration_ms: durationOf(attempt, now),
  };
  const status = attempt.error?.statusCode;
  if (status !== undefined) listed.status = status;
  return listed;
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
