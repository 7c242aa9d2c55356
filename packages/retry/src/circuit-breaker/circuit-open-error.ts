import { LLMError, LLMErrorType } from '@llm/core';
import { circuitKey, type CircuitStateName } from './circuit-state';

export interface CircuitOpenErrorInput {
  readonly provider: string;
  readonly model?: string;
  readonly state: CircuitStateName;
  readonly now: number;
  readonly retryAt: number;
  /** e.g. "after 5 consecutive failures (last: server_error)". */
  readonly because: string;
}

/**
 * The error of a call refused by an open breaker: a server_error (the provider counts as down)
 * that is not retryable, so a retry policy does not spin on it.
 */
export function circuitOpenError({
  provider,
  model,
  state,
  now,
  retryAt,
  because,
}: CircuitOpenErrorInput): LLMError {
  const target =
    model === undefined ? `provider "${provider}"` : `provider "${provider}" model "${model}"`;
  const waitMs = Math.max(0, retryAt - now);
  const message =
    state === 'half_open'
      ? `Circuit breaker for ${target} is half-open and its probe calls are in flight; this call fails fast until a probe succeeds.`
      : `Circuit breaker for ${target} is open ${because}; calls fail fast until ${new Date(retryAt).toISOString()} (in ${Math.ceil(waitMs / 1000)} s).`;
  return new LLMError({
    type: LLMErrorType.SERVER_ERROR,
    message,
    providerName: provider,
    model,
    retryable: false,
    retryAfterMs: waitMs,
    details: {
      reason: 'circuit_open',
      key: circuitKey(provider, model),
      provider,
      model,
      state,
      retryAt,
    },
  });
}
