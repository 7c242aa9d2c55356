import type { Clock, LLMError } from '@llm/core';
import type { LinkedAbortController } from '../signal/linked-abort-controller';
import { raceWithSignal } from '../signal/race-with-signal';

export interface NextWithinOptions {
  readonly clock: Clock;
  /** Undefined: wait as long as it takes. */
  readonly timeoutMs?: number;
  /** The attempt's controller: aborted with `error` when the time is up. */
  readonly controller: LinkedAbortController;
  readonly error: () => LLMError;
  readonly onTimeout?: () => void;
}

/**
 * The stream's next item, or a typed timeout once `timeoutMs` passes without one (time to first
 * chunk, or the gap between chunks). Also ends at once when the attempt's signal aborts.
 */
export async function nextWithin<T>(
  iterator: AsyncIterator<T>,
  options: NextWithinOptions,
): Promise<IteratorResult<T>> {
  const { clock, timeoutMs, controller } = options;
  const timer =
    timeoutMs === undefined
      ? undefined
      : clock.setTimer(() => {
          options.onTimeout?.();
          controller.abort(options.error());
        }, timeoutMs);
  try {
    return await raceWithSignal(iterator.next(), controller.signal);
  } finally {
    timer?.cancel();
  }
}
