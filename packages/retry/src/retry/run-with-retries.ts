import { toLLMError, type Clock, type LLMError, type LLMErrorAttempt } from '@llm/core';
import type { AttemptContext } from '../policy/policy';
import { abortedError } from '../signal/aborted-error';
import { neverAbortedSignal } from '../signal/linked-abort-controller';
import { planRetry, type RetryStopReason } from './plan-retry';
import type { ResolvedRetryOptions } from './resolve-retry-options';

/** A failed attempt that will be retried after `delayMs`. */
export interface RetryEvent {
  readonly attempt: number;
  readonly error: LLMError;
  readonly delayMs: number;
}

/** The call stops retrying; `error` is what the caller receives. */
export interface GiveUpEvent {
  readonly attempts: number;
  readonly error: LLMError;
  readonly reason: RetryStopReason;
}

export interface RunWithRetriesOptions {
  readonly options: ResolvedRetryOptions;
  readonly clock: Clock;
  readonly random: () => number;
  readonly signal?: AbortSignal;
  readonly providerName?: string;
  readonly onRetry?: (event: RetryEvent) => void;
  readonly onGiveUp?: (event: GiveUpEvent) => void;
}

function historyEntry(attempt: number, error: LLMError, delayMs?: number): LLMErrorAttempt {
  return {
    attempt,
    type: error.type,
    message: error.message,
    statusCode: error.statusCode,
    delayMs,
  };
}

function withHistory(
  error: LLMError,
  history: readonly LLMErrorAttempt[],
  reason: RetryStopReason,
): LLMError {
  if (history.length === 0) return error;
  const counted = history.length > 1 && reason !== 'aborted';
  return error.with({
    attempts: history,
    message: counted ? `${error.message} (failed after ${history.length} attempts)` : error.message,
  });
}

/** The retry loop shared by `RetryPolicy` and the pipeline (calls and streams alike). */
export async function runWithRetries<T>(
  fn: (context: AttemptContext) => Promise<T>,
  run: RunWithRetriesOptions,
): Promise<T> {
  const signal = run.signal ?? neverAbortedSignal();
  const startedAt = run.clock.now();
  const history: LLMErrorAttempt[] = [];
  const giveUp = (error: LLMError, reason: RetryStopReason): LLMError => {
    const final = withHistory(error, history, reason);
    run.onGiveUp?.({ attempts: history.length, error: final, reason });
    return final;
  };

  for (let attempt = 1; ; attempt++) {
    if (signal.aborted) throw giveUp(abortedError(signal, run.providerName), 'aborted');
    let error: LLMError;
    try {
      return await fn({ signal, attempt });
    } catch (thrown) {
      error = signal.aborted
        ? abortedError(signal, run.providerName)
        : toLLMError(thrown, run.providerName);
    }
    const plan = planRetry({
      error,
      attempt,
      elapsedMs: run.clock.now() - startedAt,
      options: run.options,
      random: run.random,
    });
    if (!plan.retry) {
      history.push(historyEntry(attempt, error));
      throw giveUp(plan.error, plan.reason);
    }
    history.push(historyEntry(attempt, error, plan.delayMs));
    run.onRetry?.({ attempt, error, delayMs: plan.delayMs });
    try {
      await run.clock.sleep(plan.delayMs, signal);
    } catch {
      throw giveUp(abortedError(signal, run.providerName), 'aborted');
    }
  }
}
