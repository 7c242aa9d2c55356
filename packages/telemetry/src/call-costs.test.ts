import { describe, expect, it } from 'vitest';
import type { CallEndEvent } from '@llm/core';
import { callEnd } from './__tests__/call-events';
import { forEachCost } from './call-costs';

const end = callEnd();

function costs(event: CallEndEvent): Array<[string, string | number]> {
  const seen: Array<[string, string | number]> = [];
  forEachCost(event, (currency, amount) => seen.push([currency, amount]));
  return seen;
}

describe('forEachCost', () => {
  it('prefers the exact decimal of a single-currency call, and takes the number when alone', () => {
    expect(costs({ ...end, cost: 0.1, cost_decimal: '0.1', currency: 'USD' })).toEqual([
      ['USD', '0.1'],
    ]);
    expect(costs({ ...end, cost: 0.2, currency: 'USD' })).toEqual([['USD', 0.2]]);
  });

  it('visits every currency of a per-currency list, exactly', () => {
    const list = [
      { currency: 'USD', cost: 0.001, cost_decimal: '0.001' },
      { currency: 'CNY', cost: 0.02, cost_decimal: '0.02' },
    ];
    expect(costs({ ...end, costs: list, cost: 0.001, currency: 'USD' })).toEqual([
      ['USD', '0.001'],
      ['CNY', '0.02'],
    ]);
  });

  it('visits nothing when no currency is known', () => {
    expect(costs({ ...end, cost: 0.3 })).toEqual([]);
    expect(costs(end)).toEqual([]);
  });
});
