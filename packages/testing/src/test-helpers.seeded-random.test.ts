import { describe, expect, it } from 'vitest';
import { seededRandom } from './test-helpers';

const take = (next: () => number, count: number) => Array.from({ length: count }, next);

describe('seededRandom', () => {
  it('gives the same sequence for the same seed, so a test using it cannot flake', () => {
    expect(take(seededRandom(42), 20)).toEqual(take(seededRandom(42), 20));
  });

  it('gives different sequences for different seeds', () => {
    expect(take(seededRandom(1), 5)).not.toEqual(take(seededRandom(2), 5));
  });

  it('stays in [0, 1) and spreads evenly over it', () => {
    const values = take(seededRandom(7), 10_000);
    for (const value of values) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
    const buckets = Array.from({ length: 10 }, () => 0);
    for (const value of values) buckets[Math.floor(value * 10)]! += 1;
    for (const count of buckets) expect(count).toBeGreaterThan(900);
  });

  it('treats a seed as an unsigned 32-bit integer', () => {
    expect(take(seededRandom(-1), 3)).toEqual(take(seededRandom(2 ** 32 - 1), 3));
  });
});
