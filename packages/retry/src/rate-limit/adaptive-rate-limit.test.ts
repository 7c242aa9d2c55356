import { describe, expect, it } from 'vitest';
import { AdaptiveRateLimit } from './adaptive-rate-limit';

describe('AdaptiveRateLimit', () => {
  it('halves a configured rate on a 429', () => {
    const limit = new AdaptiveRateLimit({ ceilingPerSecond: 10, capacity: 1 });
    expect(limit.recordRateLimited(0)).toBe(5);
    expect(limit.ratePerSecond(0)).toBe(5);
  });

  it('counts 429s within the cut interval as one overload', () => {
    const limit = new AdaptiveRateLimit({ ceilingPerSecond: 10, capacity: 1 });
    limit.recordRateLimited(0);
    expect(limit.recordRateLimited(500)).toBeUndefined();
    expect(limit.recordRateLimited(1000)).toBeCloseTo(2.75);
  });

  it('recovers linearly to the configured rate while no 429 comes', () => {
    const limit = new AdaptiveRateLimit({ ceilingPerSecond: 10, capacity: 1 });
    limit.recordRateLimited(0);
    expect(limit.ratePerSecond(4000)).toBeCloseTo(7);
    expect(limit.ratePerSecond(10_000)).toBe(10);
  });

  it('never cuts below the minimum fraction of the ceiling', () => {
    const limit = new AdaptiveRateLimit({ ceilingPerSecond: 10, capacity: 1 });
    for (let second = 0; second < 20; second++) limit.recordRateLimited(second * 1000);
    expect(limit.ratePerSecond(19_000)).toBeGreaterThanOrEqual(0.5);
  });

  it('spaces calls at the cut rate', () => {
    const limit = new AdaptiveRateLimit({ ceilingPerSecond: 10, capacity: 1 });
    limit.recordRateLimited(0);
    limit.take(limit.earliest(0, 0), 0, 0);
    expect(limit.earliest(0, 0)).toBe(200);
  });

  it('does not limit without a configured rate until a 429, then cuts to half the observed rate', () => {
    const limit = new AdaptiveRateLimit({ capacity: 1 });
    for (let i = 1; i <= 40; i++) limit.take(limit.earliest(i * 250, 0), 0, i * 250);
    expect(limit.earliest(10_000, 0)).toBe(10_000);
    expect(limit.ratePerSecond(10_000)).toBeUndefined();
    expect(limit.recordRateLimited(10_000)).toBeCloseTo(2);
  });

  it('stops limiting once an unconfigured limit has recovered', () => {
    const limit = new AdaptiveRateLimit({ capacity: 1 });
    limit.take(0, 0, 0);
    limit.recordRateLimited(0);
    expect(limit.ratePerSecond(1000)).toBeDefined();
    expect(limit.ratePerSecond(60_000)).toBeUndefined();
  });
});
