import type { BudgetConfig } from '@llm/core';
import { DAY_MS, dayStart, monthStart, nextMonthStart } from '../ledger/utc-time';

export interface BudgetWindow {
  /** Epoch ms, inclusive. */
  start: number;
  /** Epoch ms when the budget resets (exclusive end). */
  end: number;
  /** `YYYY-MM-DD` or `YYYY-MM`. */
  label: string;
}

/** The UTC day or month holding `now` (budget periods follow the ledger's UTC days). */
export function budgetWindow(period: BudgetConfig['period'], now: number): BudgetWindow {
  if (period === 'day') {
    const start = dayStart(now);
    return { start, end: start + DAY_MS, label: new Date(start).toISOString().slice(0, 10) };
  }
  const start = monthStart(now);
  return { start, end: nextMonthStart(now), label: new Date(start).toISOString().slice(0, 7) };
}
