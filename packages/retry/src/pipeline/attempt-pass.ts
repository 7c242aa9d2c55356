import { LLMError } from '@llm/core';
import type { BreakerTicket } from '../circuit-breaker/circuit-breaker';
import type { RatePermit } from '../rate-limit/acquire-permit';

/** The breaker ticket and rate permit of one attempt, settled together exactly once. */
export interface AttemptPass {
  /** The provider answered; `actualTokens` reconciles the token reservation. */
  succeed(actualTokens?: number): void;
  /** The attempt failed; a failure caused by `signal`'s abort says nothing about the provider. */
  fail(thrown: unknown, signal: AbortSignal): void;
}

export interface AttemptPassParts {
  readonly ticket: BreakerTicket;
  readonly permit: RatePermit;
  /** Feeds provider 429s to the adaptive limits. */
  readonly recordError: (error: unknown) => void;
  /** Runs a breaker interaction so the pipeline can report the state changes it causes. */
  readonly watch: (action: () => void) => void;
}

export function createAttemptPass({
  ticket,
  permit,
  recordError,
  watch,
}: AttemptPassParts): AttemptPass {
  let settled = false;
  return {
    succeed(actualTokens) {
      if (settled) return;
      settled = true;
      watch(() => ticket.recordSuccess());
      permit.reconcile(actualTokens);
      permit.release();
    },
    fail(thrown, signal) {
      if (settled) return;
      settled = true;
      watch(() => (signal.aborted ? ticket.release() : ticket.recordError(thrown)));
      if (!signal.aborted) recordError(thrown);
      permit.reconcile(LLMError.is(thrown) ? thrown.usage?.total_tokens : undefined);
      permit.release();
    },
  };
}
