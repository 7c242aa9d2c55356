/** A cancellable timer handle. */
export interface TimerHandle {
  cancel(): void;
}

export interface TimerOptions {
  /** A background timer (batch flush, housekeeping) does not keep the process alive. */
  background?: boolean;
}

/** Time as every time-based policy sees it; tests inject a manual clock instead of sleeping. */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  setTimer(callback: () => void, delayMs: number, options?: TimerOptions): TimerHandle;
  /** Resolves after `delayMs`; rejects with the signal's reason as soon as it aborts. */
  sleep(delayMs: number, signal?: AbortSignal): Promise<void>;
}

function abortReason(signal: AbortSignal): unknown {
  return (
    signal.reason ?? Object.assign(new Error('The operation was aborted.'), { name: 'AbortError' })
  );
}

function sleepWith(
  clock: Pick<Clock, 'setTimer'>,
  delayMs: number,
  signal?: AbortSignal,
): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortReason(signal));
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      timer.cancel();
      reject(abortReason(signal!));
    };
    const timer = clock.setTimer(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, delayMs);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** A system timer's handle: one small object per timer (no closure), as timers run on every call. */
class SystemTimer implements TimerHandle {
  constructor(private readonly handle: ReturnType<typeof setTimeout>) {}

  cancel(): void {
    clearTimeout(this.handle);
  }
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(callback, delayMs, options) {
    const handle = setTimeout(callback, Math.max(0, delayMs));
    // A retry backoff or a rate-limit wait must keep a script alive; only background timers may not.
    if (options?.background) handle.unref?.();
    return new SystemTimer(handle);
  },
  sleep(delayMs, signal) {
    return sleepWith(systemClock, delayMs, signal);
  },
};

/** A clock that only moves when told to: `advance(ms)` fires due timers in order. */
export interface ManualClock extends Clock {
  advance(ms: number): Promise<void>;
  /** Advance straight to the next pending timer, if any; returns whether one fired. */
  runNext(): Promise<boolean>;
  pendingTimers(): number;
}

export function createManualClock(startMs = 0): ManualClock {
  let now = startMs;
  let sequence = 0;
  const timers = new Map<number, { at: number; callback: () => void }>();

  const nextDue = (limit: number) => {
    let best: [number, { at: number; callback: () => void }] | undefined;
    for (const entry of timers) {
      if (entry[1].at <= limit && (!best || entry[1].at < best[1].at)) best = entry;
    }
    return best;
  };
  const flushMicrotasks = async () => {
    for (let i = 0; i < 10; i++) await Promise.resolve();
  };

  const clock: ManualClock = {
    now: () => now,
    setTimer(callback, delayMs) {
      const id = ++sequence;
      timers.set(id, { at: now + Math.max(0, delayMs), callback });
      return { cancel: () => void timers.delete(id) };
    },
    sleep(delayMs, signal) {
      return sleepWith(clock, delayMs, signal);
    },
    async advance(ms) {
      const target = now + ms;
      await flushMicrotasks();
      for (let due = nextDue(target); due; due = nextDue(target)) {
        timers.delete(due[0]);
        now = due[1].at;
        due[1].callback();
        await flushMicrotasks();
      }
      now = target;
      await flushMicrotasks();
    },
    async runNext() {
      await flushMicrotasks();
      const due = nextDue(Number.POSITIVE_INFINITY);
      if (!due) return false;
      timers.delete(due[0]);
      now = Math.max(now, due[1].at);
      due[1].callback();
      await flushMicrotasks();
      return true;
    },
    pendingTimers: () => timers.size,
  };
  return clock;
}
