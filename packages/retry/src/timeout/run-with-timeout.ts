import type { Clock, LLMError } from '@llm/core';
import type { ExecutionContext } from '../policy/policy';
import { abortedError } from '../signal/aborted-error';
import { linkAbortController } from '../signal/linked-abort-controller';
import { raceWithSignal } from '../signal/race-with-signal';

export interface RunWithTimeoutOptions {
  readonly clock: Clock;
  /** Undefined: no time limit, but an abort of `signal` still ends the call at once. */
  readonly timeoutMs?: number;
  readonly signal: AbortSignal;
  /** The error to abort with and reject with when the time is up. */
  readonly error: () => LLMError;
  readonly onTimeout?: () => void;
  readonly providerName?: string;
}

/**
 * Runs `fn` with a child signal that aborts after `timeoutMs`, and rejects at once on timeout or
 * abort even when `fn` ignores its signal. A caller's abort surfaces as the abort.
 */
export async function runWithTimeout<T>(
  fn: (context: ExecutionContext) => Promise<T>,
  options: RunWithTimeoutOptions,
): Promise<T> {
  const { clock, timeoutMs, signal } = options;
  const link = linkAbortController(signal);
  let timedOut: LLMError | undefined;
  const timer =
    timeoutMs === undefined
      ? undefined
      : clock.setTimer(() => {
          timedOut = options.error();
          options.onTimeout?.();
          link.abort(timedOut);
        }, timeoutMs);
  try {
    return await raceWithSignal(
      Promise.resolve().then(() => fn({ signal: link.signal })),
      link.signal,
    );
  } catch (thrown) {
    if (signal.aborted) throw abortedError(signal, options.providerName);
    if (timedOut) throw timedOut;
    throw thrown;
  } finally {
    timer?.cancel();
    link.dispose();
  }
}
