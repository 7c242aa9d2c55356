import { describe, expect, it } from 'vitest';
import { seededRandom } from '@llm/testing';
import { SlidingWindowLimit } from './sliding-window-limit';

const window = (limit: number, windowMs: number) =>
  new SlidingWindowLimit({ name: 'requests_per_second', description: 'test', limit, windowMs });

describe('SlidingWindowLimit', () => {
  it('admits the limit at once, then the next call when the oldest leaves the window', () => {
    const limit = window(3, 1000);
    const starts = Array.from({ length: 5 }, () => {
      const at = limit.earliest(100);
      limit.take(at, 0, 100);
      return at;
    });
    expect(starts).toEqual([100, 100, 100, 1100, 1100]);
  });

  it('never admits more than the limit in any window, with cancellations mixed in', () => {
    const random = seededRandom(5);
    for (let trial = 0; trial < 20; trial++) {
      const size = 1 + Math.floor(random() * 6);
      const limit = window(size, 1000);
      const starts: number[] = [];
      const arrivals = Array.from({ length: 150 }, () => Math.floor(random() * 10_000)).sort(
        (a, b) => a - b,
      );
      for (const arrival of arrivals) {
        const at = limit.earliest(arrival);
        const reservation = limit.take(at, 0, arrival);
        if (random() < 0.2) reservation.cancel();
        else starts.push(at);
      }
      for (const start of starts) {
        const inWindow = starts.filter((other) => other > start - 1000 && other <= start).length;
        expect(inWindow).toBeLessThanOrEqual(size);
      }
    }
  });

  it('frees the slot of a cancelled permit', () => {
    const limit = window(1, 1000);
    limit.take(0, 0, 0).cancel();
    expect(limit.earliest(0)).toBe(0);
  });
});
