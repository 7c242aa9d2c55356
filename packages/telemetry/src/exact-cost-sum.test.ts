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
    expect(sum.toString()).toBe('0.100000001');
  });

  it('prints whole sums without a fraction', () => {
    const sum = new ExactCostSum();
    expect(sum.toString()).toBe('0');
    sum.add('2');
    sum.add('0.50');
    sum.add('0.5');
    expect(sum.toString()).toBe('3');
  });
});
