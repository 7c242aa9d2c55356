import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff-delay';

const base = { baseDelayMs: 1000, factor: 2, maxDelayMs: 10_000 };

describe('backoffDelay', () => {
  it('doubles each exponential step from the base delay', () => {
    const delays = [1, 2, 3, 4].map((retry) =>
      backoffDelay({ ...base, backoff: 'exponential', retry }),
    );
    expect(delays).toEqual([1000, 2000, 4000, 8000]);
  });

  it('grows linear steps by one base delay each', () => {
    const delays = [1, 2, 3, 4, 5].map((retry) =>
      backoffDelay({ ...base, backoff: 'linear', retry }),
    );
    expect(delays).toEqual([1000, 2000, 3000, 4000, 5000]);
  });

  it('keeps fixed steps at the base delay', () => {
    const delays = [1, 2, 3].map((retry) => backoffDelay({ ...base, backoff: 'fixed', retry }));
    expect(delays).toEqual([1000, 1000, 1000]);
  });

  it('never exceeds max_delay', () => {
    for (let retry = 1; retry <= 40; retry++) {
      for (const backoff of ['exponential', 'linear', 'fixed'] as const) {
        expect(backoffDelay({ ...base, backoff, retry })).toBeLessThanOrEqual(base.maxDelayMs);
      }
    }
  });

  it('uses the configured factor for exponential steps', () => {
    expect(backoffDelay({ ...base, factor: 3, backoff: 'exponential', retry: 3 })).toBe(9000);
  });
});
