import type { Clock, TimerHandle } from '@llm/core';

export interface Debouncer<Reason> {
  /** (Re)starts the quiet period; `run` fires once it passes with every reason collected meanwhile. */
  trigger(reason: Reason): void;
  cancel(): void;
}

/** Trailing-edge debounce on an injectable clock: a burst of triggers (an editor's save) runs once. */
export function createDebouncer<Reason>(options: {
  clock: Clock;
  delayMs: number;
  run: (reasons: ReadonlySet<Reason>) => void;
}): Debouncer<Reason> {
  let timer: TimerHandle | undefined;
  let reasons = new Set<Reason>();
  return {
    trigger(reason) {
      reasons.add(reason);
      timer?.cancel();
      timer = options.clock.setTimer(() => {
        timer = undefined;
        const collected = reasons;
        reasons = new Set();
        options.run(collected);
      }, options.delayMs);
    },
    cancel() {
      timer?.cancel();
      timer = undefined;
      reasons = new Set();
    },
  };
}
