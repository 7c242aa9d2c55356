import { describe, expect, it } from 'vitest';
import { seededRandom } from '@llm/testing';
import { TokenBucket } from './token-bucket';

const requests = (ratePerSecond: number, capacity: number) =>
  new TokenBucket({
    name: 'requests_per_second',
    description: 'test',
    intervalMs: 1000 / ratePerSecond,
    capacity,
  });

/** 600 tokens a minute: one token every 100 ms, a burst of the whole minute. */
const tokensPerMinute600 = () =>
  new TokenBucket({
    name: 'tokens_per_minute',
    description: '600/min',
    intervalMs: 100,
    capacity: 600,
    perToken: true,
  });

function grant(bucket: TokenBucket, at: number, tokens = 1): number {
  const start = bucket.earliest(at, tokens);
  bucket.take(start, tokens);
  return start;
}

describe('TokenBucket', () => {
  it('lets the burst through at once and spaces the rest by the rate', () => {
    const bucket = requests(5, 3);
    const starts = Array.from({ length: 6 }, () => grant(bucket, 0));
    expect(starts).toEqual([0, 0, 0, 200, 400, 600]);
  });

  it('refills while idle, up to the capacity only', () => {
    const bucket = requests(5, 2);
    grant(bucket, 0);
    grant(bucket, 0);
    const starts = [grant(bucket, 10_000), grant(bucket, 10_000), grant(bucket, 10_000)];
    expect(starts).toEqual([10_000, 10_000, 10_200]);
  });

  it('never admits more than capacity + rate x T in any window of length T', () => {
    const random = seededRandom(3);
    for (let trial = 0; trial < 20; trial++) {
      const rate = 1 + Math.floor(random() * 10);
      const capacity = 1 + Math.floor(random() * 10);
      const bucket = requests(rate, capacity);
      const arrivals = Array.from({ length: 200 }, () => Math.floor(random() * 20_000)).sort(
        (a, b) => a - b,
      );
      const starts = arrivals.map((at) => grant(bucket, at));
      for (const windowStart of starts) {
        const inWindow = starts.filter(
          (start) => start >= windowStart && start <= windowStart + 1000,
        ).length;
        expect(inWindow).toBeLessThanOrEqual(capacity + rate);
      }
    }
  });

  it('gives a cancelled permit back', () => {
    const bucket = requests(1, 1);
    bucket.take(bucket.earliest(0, 1), 1).cancel();
    expect(bucket.earliest(0, 1)).toBe(0);
  });

  it('charges tokens and refuses forever a call larger than the capacity', () => {
    const bucket = tokensPerMinute600();
    expect(bucket.earliest(0, 601)).toBe(Number.POSITIVE_INFINITY);
    bucket.take(0, 600);
    expect(bucket.earliest(0, 100)).toBe(10_000);
  });

  it('settles a token reservation to the actual count', () => {
    const bucket = tokensPerMinute600();
    bucket.take(0, 600).settle(100);
    expect(bucket.earliest(0, 500)).toBe(0);
  });

  it('stretches the permits still owed to a new, lower rate', () => {
    const bucket = requests(10, 1);
    grant(bucket, 0);
    grant(bucket, 0);
    bucket.setRate(5, 0);
    expect(bucket.earliest(0, 1)).toBe(400);
    expect(bucket.ratePerSecond).toBe(5);
  });
});
