import { describe, expect, it } from 'vitest';
import { budgetWindow } from './budget-guard';

describe('budgetWindow', () => {
  it('spans the UTC day holding the moment', () => {
    expect(budgetWindow('day', Date.UTC(2026, 6, 24, 23, 59))).toEqual({
      start: Date.UTC(2026, 6, 24),
      end: Date.UTC(2026, 6, 25),
      label: '2026-07-24',
    });
  });

  it('spans the UTC month holding the moment, across a year end', () => {
    expect(budgetWindow('month', Date.UTC(2026, 11, 31, 12))).toEqual({
      start: Date.UTC(2026, 11, 1),
      end: Date.UTC(2027, 0, 1),
      label: '2026-12',
    });
  });
});
