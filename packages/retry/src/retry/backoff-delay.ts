import type { Backoff } from '../defaults/resilience-defaults';

export interface BackoffInput {
  readonly backoff: Backoff;
  /** 1 for the wait before the first retry, 2 before the second, … */
  readonly retry: number;
  readonly baseDelayMs: number;
  readonly factor: number;
  readonly maxDelayMs: number;
}

/** The wait before a retry, before jitter: base·factor^(n-1), base·n or base, capped at the max. */
export function backoffDelay({
  backoff,
  retry,
  baseDelayMs,
  factor,
  maxDelayMs,
}: BackoffInput): number {
  const step = Math.max(1, retry);
  const raw =
    backoff === 'exponential'
      ? baseDelayMs * factor ** (step - 1)
      : backoff === 'linear'
        ? baseDelayMs * step
        : baseDelayMs;
  return Math.min(raw, maxDelayMs);
}
