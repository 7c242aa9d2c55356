import { describe, expect, it } from 'vitest';
import { ExactCostSum } from './exact-cost-sum';

describe('ExactCostSum', () => {
  it('adds decimal strings of different scales exactly', () => {
    const sum = new ExactCostSum();
    for (const amount of ['0.1', '0.2', '0.000125', '3']) sum.add(amount);
    expect(sum.toString()).toBe('3.300125');
    expect(sum.toNumber()).toBe(3.300125);
  });

  it('takes numbers, tiny ones in exponent form included, and ignores what is no amount', () => {
    const sum = new ExactCostSum();
    sum.add(0.1);
    sum.add(1e-9);
    sum.add(-1);
    sum.add(Number.NaN);
    sum.add('abc');
    for (const malformed of ['', ' ', '.', '1.', '.5', '1.2.3', '-1', '1e-9', '0x10'])
      sum.add(malformed);
    sum.add(' 2.5\n');
    expect(sum.toString()).toBe('2.600000001');
  });

  it('prints whole sums without a fraction', () => {
    const sum = new ExactCostSum();
    expect(sum.toString()).toBe('0');
    sum.add('2');
    sum.add('0.50');
    sum.add('0.5');
    expect(sum.toString()).toBe('3');
  });

  it('stays exact past 2^53 units and for amounts too long for a double', () => {
    const sum = new ExactCostSum();
    for (let index = 0; index < 3; index++) sum.add('4000000000.000000');
    sum.add('0.0000000000000000001');
    sum.add('12345678901234567890');
    expect(sum.toString()).toBe('12345678913234567890.0000000000000000001');
  });

  it('equals a BigInt sum over many amounts of mixed sizes and scales', () => {
    let seed = 12345;
    const next = (limit: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % limit;
    };
    const sum = new ExactCostSum();
    let expected = 0n;
    const scale = 20;
    for (let index = 0; index < 5000; index++) {
      const own = next(scale + 1);
      const units = BigInt(next(2147483647)) * BigInt(next(2147483647)) * BigInt(1 + next(1000));
      const digits = units.toString().padStart(own + 1, '0');
      sum.add(own === 0 ? digits : `${digits.slice(0, -own)}.${digits.slice(-own)}`);
      expected += units * 10n ** BigInt(scale - own);
    }
    const text = expected.toString().padStart(scale + 1, '0');
    expect(sum.toString()).toBe(
      `${text.slice(0, -scale)}.${text.slice(-scale)}`.replace(/\.?0+$/, ''),
    );
  });
});
