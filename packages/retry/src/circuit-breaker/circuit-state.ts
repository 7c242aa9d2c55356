import type { LLMErrorType } from '@llm/core';

export type CircuitStateName = 'closed' | 'open' | 'half_open';

/** Why a breaker changed state. */
export type CircuitTransitionReason =
  | 'consecutive_failures'
  | 'failure_rate'
  | 'cooldown_elapsed'
  | 'probe_succeeded'
  | 'probe_failed'
  | 'reset'
  | 'restored';

/** A breaker's state as plain data: read it for metrics and `llm health`, store it, restore it. */
export interface CircuitState {
  /** `provider`, or `provider/model` for a per-model breaker. */
  readonly key: string;
  readonly provider: string;
  readonly model?: string;
  readonly state: CircuitStateName;
  readonly enabled: boolean;
  readonly consecutiveFailures: number;
  /** Calls and counted failures in the rolling window (closed state only). */
  readonly windowCalls: number;
  readonly windowFailures: number;
  /** Times opened since last closed; grows the cooldown when `cooldown_multiplier` > 1. */
  readonly consecutiveOpens: number;
  readonly openedAt?: number;
  /** Epoch ms when an open breaker lets a probe through. */
  readonly retryAt?: number;
  readonly openReason?: CircuitTransitionReason;
  readonly halfOpenSuccesses: number;
  readonly halfOpenInFlight: number;
  readonly lastFailureType?: LLMErrorType;
  readonly lastFailureAt?: number;
}

/** The `state-change` event. */
export interface CircuitStateChange {
  readonly key: string;
  readonly provider: string;
  readonly model?: string;
  readonly from: CircuitStateName;
  readonly to: CircuitStateName;
  readonly reason: CircuitTransitionReason;
  readonly at: number;
  readonly retryAt?: number;
}

export function circuitKey(provider: string, model?: string): string {
  return model === undefined ? provider : `${provider}/${model}`;
}
