import type { Clock, LLMError } from '@llm/core';
import { linkAbortController } from '../signal/linked-abort-controller';

export interface TotalTimeout {
  /** Aborts with the timeout error when the budget is spent, or with the caller's reason. */
  readonly signal: AbortSignal;
  dispose(): void;
}

/**
 * A signal for a whole call, retries and waits included. Whatever runs under it sees the timeout
 * error as the abort reason, so the error it ends with keeps its attempt history.
 */
export function startTotalTimeout(options: {
  clock: Clock;
  timeoutMs: number;
  signal: AbortSignal;
  error: () => LLMError;
  onTimeout?: () => void;
}): TotalTimeout {
  const link = linkAbortController(options.signal);
  const timer = options.clock.setTimer(() => {
    options.onTimeout?.();
    link.abort(options.error());
  }, options.timeoutMs);
  return {
    signal: link.signal,
    dispose: () => {
      timer.cancel();
      link.dispose();
    },
  };
}
