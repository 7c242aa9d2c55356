import type { LLMError } from '@llm/core';
import type { TestClock } from './test-clock';

export interface Script {
  /** Milliseconds before each item; an LLMError entry is thrown at that point instead. */
  readonly steps: readonly (number | LLMError)[];
  readonly hangAfter?: boolean;
}

/** A source that plays a script per opening and records how it was used. */
export function scriptedSource(clock: TestClock, scripts: readonly Script[]) {
  const log = { opens: 0, closed: 0, attempts: [] as number[], signals: [] as AbortSignal[] };
  const open = ({ signal, attempt }: { signal: AbortSignal; attempt: number }) => {
    const script = scripts[Math.min(log.opens, scripts.length - 1)] ?? { steps: [] };
    log.opens += 1;
    log.attempts.push(attempt);
    log.signals.push(signal);
    return (async function* () {
      try {
        let index = 0;
        for (const step of script.steps) {
          if (typeof step !== 'number') throw step;
          await clock.sleep(step);
          yield `item-${index++}`;
        }
        if (script.hangAfter) await new Promise<never>(() => undefined);
      } finally {
        log.closed += 1;
      }
    })();
  };
  return { open, log };
}

/** Reads the whole stream on the test clock: the items, and the error it ended with. */
export async function collectStream<T>(
  clock: TestClock,
  stream: AsyncIterable<T>,
): Promise<{ items: T[]; error?: LLMError }> {
  const items: T[] = [];
  const reading = (async () => {
    for await (const item of stream) items.push(item);
  })();
  const error = await clock.runUntilSettled(reading).then(
    () => undefined,
    (thrown: unknown) => thrown as LLMError,
  );
  return { items, error };
}
