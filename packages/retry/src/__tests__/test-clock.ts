import { createManualClock, type Clock, type ManualClock } from '@llm/core';

/** Lets every pending promise continuation run (one macrotask turn; not a sleep). */
export function flushAsync(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve));
}

/**
 * Core's manual clock, plus stepping that lets all async work settle between timers, so a timer
 * set in reaction to another fires at the exact simulated time it asked for.
 */
export interface TestClock extends ManualClock {
  advanceBy(ms: number): Promise<void>;
  /** Fires timers one by one until `promise` settles (or no timer is left); returns it. */
  runUntilSettled<T>(promise: Promise<T>): Promise<T>;
}

export function createTestClock(startMs = 0): TestClock {
  const manual = createManualClock(startMs);
  const due = new Map<number, number>();
  let sequence = 0;
  const nextDue = () => (due.size === 0 ? undefined : Math.min(...due.values()));

  const clock: TestClock = {
    now: () => manual.now(),
    setTimer(callback, delayMs) {
      const id = ++sequence;
      due.set(id, manual.now() + Math.max(0, delayMs));
      const handle = manual.setTimer(() => {
        due.delete(id);
        callback();
      }, delayMs);
      return {
        cancel: () => {
          due.delete(id);
          handle.cancel();
        },
      };
    },
    sleep: (delayMs, signal) => sleepOn(clock, delayMs, signal),
    advance: (ms) => manual.advance(ms),
    runNext: () => manual.runNext(),
    pendingTimers: () => manual.pendingTimers(),
    async advanceBy(ms) {
      const target = manual.now() + ms;
      for (;;) {
        await flushAsync();
        const next = nextDue();
        if (next === undefined || next > target) break;
        await manual.advance(next - manual.now());
      }
      await manual.advance(target - manual.now());
      await flushAsync();
    },
    async runUntilSettled(promise) {
      let settled = false;
      promise.then(
        () => (settled = true),
        () => (settled = true),
      );
      for (;;) {
        await flushAsync();
        const next = nextDue();
        if (settled || next === undefined) break;
        await manual.advance(Math.max(0, next - manual.now()));
      }
      return promise;
    },
  };
  return clock;
}

function sleepOn(
  clock: Pick<Clock, 'setTimer'>,
  delayMs: number,
  signal?: AbortSignal,
): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      timer.cancel();
      reject(signal?.reason);
    };
    const timer = clock.setTimer(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, delayMs);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
