import { isAbortedLLMError, toLLMError } from '@llm/core';

/** What an error means to a breaker. */
export type BreakerOutcome = 'failure' | 'success' | 'ignored';

/** Errors raised locally before or around a call; they say nothing about the provider. */
const LOCAL_REASONS = new Set(['circuit_open', 'local_rate_limit', 'total_timeout']);

/**
 * A counted type is a failure. Caller aborts and local refusals are ignored. Any other error
 * (auth, invalid_request, …) means the provider answered, so it counts as a success.
 */
export function classifyBreakerOutcome(
  thrown: unknown,
  countedErrors: ReadonlySet<string>,
): BreakerOutcome {
  const error = toLLMError(thrown);
  if (isAbortedLLMError(error)) return 'ignored';
  const reason = error.details?.['reason'];
  if (typeof reason === 'string' && LOCAL_REASONS.has(reason)) return 'ignored';
  return countedErrors.has(error.type) ? 'failure' : 'success';
}
