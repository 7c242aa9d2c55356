import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../testing/seeded-random';
import { applyJitter } from './apply-jitter';

describe('applyJitter', () => {
  it('keeps the delay when jitter is none', () => {
    expect(applyJitter(1234, 'none', () => 0.99)).toBe(1234);
  });

  it('keeps full jitter within [0, delay] for any random draw', () => {
    const random = createSeededRandom(1);
    for (let i = 0; i < 2000; i++) {
      const delay = Math.floor(random() * 60_000);
      const jittered = applyJitter(delay, 'full', random);
      expect(jittered).toBeGreaterThanOrEqual(0);
      expect(jittered).toBeLessThanOrEqual(delay);
    }
  });

  it('keeps equal jitter within [delay/2, delay] for any random draw', () => {
    const random = createSeededRandom(2);
    for (let i = 0; i < 2000; i++) {
      const delay = Math.floor(random() * 60_000);
      const jittered = applyJitter(delay, 'equal', random);
      expect(jittered).toBeGreaterThanOrEqual(Math.floor(delay / 2));
      expect(jittered).toBeLessThanOrEqual(delay);
    }
  });

  it('reaches the ends of the full range at the ends of the random range', () => {
    expect(applyJitter(1000, 'full', () => 0)).toBe(0);
    expect(applyJitter(1000, 'full', () => 0.9999)).toBe(1000);
    expect(applyJitter(1000, 'equal', () => 0)).toBe(500);
  });
});
