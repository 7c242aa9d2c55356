import type { CircuitStateName, CircuitTransitionReason } from './circuit-breaker';

/** Why a strategy opens the breaker: the transition reason and the words of its message. */
export interface OpenVerdict {
  readonly reason: CircuitTransitionReason;
  /** e.g. "after 5 consecutive failures"; the breaker adds the last failure type. */
  readonly because: string;
}

/** The counts a strategy keeps, reported in the breaker's state (0 when it keeps none). */
export interface StrategyCounts {
  readonly consecutiveFailures?: number;
  readonly windowCalls?: number;
  readonly windowFailures?: number;
}

/**
 * When a closed breaker opens (cockatiel's breaker strategies). The breaker's state machine
 * classifies outcomes, handles cooldowns and probes; the strategy only sees the counted outcomes
 * of calls made while closed and answers "open now?".
 */
export interface BreakerOpenStrategy {
  /** A call that counted as a success. */
  recordSuccess(now: number): void;
  /** A counted failure; a verdict opens the breaker. */
  recordFailure(now: number): OpenVerdict | undefined;
  /** The breaker moved to `to` (restarting counts is the strategy's choice). */
  onStateChange(to: CircuitStateName): void;
  counts(now: number): StrategyCounts;
  /** Takes over the counts of a saved state. */
  restore(counts: StrategyCounts): void;
}

/** Opens after `threshold` counted failures in a row; a success restarts the count. */
export class ConsecutiveFailuresStrategy implements BreakerOpenStrategy {
  #threshold: number;
  #failures = 0;

  constructor(options: { readonly threshold: number }) {
    this.#threshold = options.threshold;
  }

  /** Applies a reloaded threshold; the count is kept. */
  configure(options: { readonly threshold: number }): void {
    this.#threshold = options.threshold;
  }

  recordSuccess(): void {
    this.#failures = 0;
  }

  recordFailure(): OpenVerdict | undefined {
    this.#failures += 1;
    if (this.#failures < this.#threshold) return undefined;
    return {
      reason: 'consecutive_failures',
      because: `after ${this.#failures} consecutive failures`,
    };
  }

  /** The count stays visible while open and restarts once the breaker closes. */
  onStateChange(to: CircuitStateName): void {
    if (to === 'closed') this.#failures = 0;
  }

  counts(): StrategyCounts {
    return { consecutiveFailures: this.#failures };
  }

  restore(counts: StrategyCounts): void {
    this.#failures = counts.consecutiveFailures ?? 0;
  }
}

export interface FailureRateOptions {
  /** Percentage of failed calls (0–100) that opens the breaker. */
  readonly thresholdPercent: number;
  /** Calls the window must hold before the rate is trusted. */
  readonly minimumCalls: number;
  readonly windowMs: number;
}

/** Opens when counted failures reach `thresholdPercent` of the calls in the last `windowMs`. */
export class FailureRateStrategy implements BreakerOpenStrategy {
  #options: FailureRateOptions;
  // The window as a ring of outcomes in typed arrays (when, and whether it failed): recording and
  // pruning cost O(1) amortized with no object per call, and an outcome takes 9 bytes, so a busy
  // deployment's window (calls per second × window) stays small. `#failures` counts the failed
  // outcomes still in it. The ring grows by doubling and keeps its largest size.
  #at = new Float64Array(INITIAL_WINDOW_CAPACITY);
  #failed = new Uint8Array(INITIAL_WINDOW_CAPACITY);
  #start = 0;
  #size = 0;
  #failures = 0;

  constructor(options: FailureRateOptions) {
    this.#options = options;
  }

  /** Applies reloaded settings; outcomes already seen are kept. */
  configure(options: FailureRateOptions): void {
    this.#options = options;
  }

  recordSuccess(now: number): void {
    this.#push(now, 0);
    this.#prune(now);
  }

  recordFailure(now: number): OpenVerdict | undefined {
    this.#push(now, 1);
    this.#failures += 1;
    const { windowCalls: calls = 0, windowFailures: failures = 0 } = this.counts(now);
    const { minimumCalls, thresholdPercent, windowMs } = this.#options;
    if (calls < minimumCalls || (failures / calls) * 100 < thresholdPercent) return undefined;
    return {
      reason: 'failure_rate',
      because: `after ${failures} of ${calls} calls failed in the last ${Math.round(windowMs / 1000)} s`,
    };
  }

  /** A breaker that changes state starts a fresh window. */
  onStateChange(): void {
    this.#clear();
  }

  counts(now: number): StrategyCounts {
    this.#prune(now);
    return { windowCalls: this.#size, windowFailures: this.#failures };
  }

  /** A saved state holds no outcomes: the window restarts empty. */
  restore(): void {
    this.#clear();
  }

  #clear(): void {
    this.#start = 0;
    this.#size = 0;
    this.#failures = 0;
  }

  #push(at: number, failed: 0 | 1): void {
    if (this.#size === this.#at.length) this.#grow();
    const index = (this.#start + this.#size) % this.#at.length;
    this.#at[index] = at;
    this.#failed[index] = failed;
    this.#size += 1;
  }

  /** Doubles the ring, the oldest outcome first. */
  #grow(): void {
    const capacity = this.#at.length;
    const at = new Float64Array(capacity * 2);
    const failed = new Uint8Array(capacity * 2);
    for (let offset = 0; offset < this.#size; offset += 1) {
      const index = (this.#start + offset) % capacity;
      at[offset] = this.#at[index]!;
      failed[offset] = this.#failed[index]!;
    }
    this.#at = at;
    this.#failed = failed;
    this.#start = 0;
  }

  /** Drops the outcomes older than the window. */
  #prune(now: number): void {
    const since = now - this.#options.windowMs;
    const capacity = this.#at.length;
    while (this.#size > 0 && this.#at[this.#start]! <= since) {
      if (this.#failed[this.#start] === 1) this.#failures -= 1;
      this.#start = (this.#start + 1) % capacity;
      this.#size -= 1;
    }
  }
}

/** Outcomes the failure-rate window holds before its ring first grows. */
const INITIAL_WINDOW_CAPACITY = 64;

/** Opens when any of `strategies` says so; every strategy sees every outcome. */
export function anyOfStrategies(
  ...strategies: readonly BreakerOpenStrategy[]
): BreakerOpenStrategy {
  return {
    recordSuccess: (now) => strategies.forEach((strategy) => strategy.recordSuccess(now)),
    recordFailure(now) {
      const verdicts = strategies.map((strategy) => strategy.recordFailure(now));
      return verdicts.find((verdict) => verdict !== undefined);
    },
    onStateChange: (to) => strategies.forEach((strategy) => strategy.onStateChange(to)),
    counts: (now) => Object.assign({}, ...strategies.map((strategy) => strategy.counts(now))),
    restore: (counts) => strategies.forEach((strategy) => strategy.restore(counts)),
  };
}
