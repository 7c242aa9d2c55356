import { describe, expect, it } from 'vitest';
import { createManualClock, LLMError } from '@llm/core';
import { createUsageTracker } from '../ledger/usage-tracker';
import { MemoryUsageStore } from '../store/memory-usage-store';
import { sampleRecord } from '../__tests__/sample-records';
import { Decimal } from '../money/decimal';
import { createBudgetGuard, type BudgetConfigInput } from './budget-guard';

const JULY_24_NOON = Date.UTC(2026, 6, 24, 12);
const call = { provider: 'openai', model: 'gpt-4o' };
const costing = (amount: string) => ({ ...call, estimatedCost: { amount, currency: 'USD' } });

function setup(budgets: BudgetConfigInput[]) {
  const clock = createManualClock(JULY_24_NOON);
  const tracker = createUsageTracker({ store: new MemoryUsageStore(), clock, flushOnExit: false });
  const guard = createBudgetGuard({ budgets, tracker, clock });
  const spend = (cost: string) =>
    tracker.recordUsage(sampleRecord({ timestamp: clock.now(), cost_decimal: cost }));
  return { clock, tracker, guard, spend };
}

describe('BudgetGuard reservations', () => {
  it('lets exactly the 10 reservations that fit pass when 50 calls reserve at once, and spending never crosses the limit', async () => {
    const { guard, tracker, spend } = setup([
      { name: 'daily', period: 'day', limit: 1, action: 'block' },
    ]);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 50 }, () => guard.reserve(costing('0.1'))),
    );
    const passed = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    const refused = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(passed).toHaveLength(10);
    expect(refused).toHaveLength(40);
    for (const outcome of refused)
      expect(outcome.reason).toMatchObject({ code: 'budget_exceeded', retryable: false });
    // Each call that ran records its real cost (below its reservation), then releases it.
    for (const outcome of passed) {
      await spend('0.08');
      outcome.value.release();
    }
    const { amount } = await tracker.getCost();
    expect(Decimal.from(amount).compare(Decimal.from(1))).toBeLessThanOrEqual(0);
    expect(amount).toBe('0.8');
    // The released reservations free the room they held: 0.2 USD is left, two more calls fit.
    await expect(guard.reserve(costing('0.1'))).resolves.toBeDefined();
    await expect(guard.reserve(costing('0.1'))).resolves.toBeDefined();
    await expect(guard.reserve(costing('0.1'))).rejects.toMatchObject({ code: 'budget_exceeded' });
  });

  it('releases a reservation exactly once, however often release() is called', async () => {
    const { guard } = setup([{ period: 'day', limit: 1, action: 'block' }]);
    const first = await guard.reserve(costing('0.6'));
    first.release();
    first.release();
    const second = await guard.reserve(costing('0.6'));
    // A second release of `first` must not free `second`'s room.
    first.release();
    await expect(guard.reserve(costing('0.6'))).rejects.toMatchObject({
      code: 'budget_exceeded',
      details: { reserved: '0.6', estimated_cost: '0.6' },
    });
    second.release();
    await expect(guard.reserve(costing('0.6'))).resolves.toBeDefined();
  });

  it('refuses with code budget_exceeded, type rate_limit, and the budget, limit, spent, reserved, currency and reset time in its details', async () => {
    const { guard, spend } = setup([{ name: 'team', period: 'day', limit: 1, action: 'block' }]);
    await spend('0.5');
    await guard.reserve(costing('0.3'));
    const refusal = await guard.reserve(costing('0.3')).catch((error: unknown) => error);
    expect(LLMError.is(refusal)).toBe(true);
    expect(refusal).toMatchObject({
      type: 'rate_limit',
      code: 'budget_exceeded',
      retryable: false,
      details: {
        budget: 'team',
        limit: '1',
        spent: '0.5',
        reserved: '0.3',
        estimated_cost: '0.3',
        currency: 'USD',
        resets_at: Date.UTC(2026, 6, 25),
        resets_at_iso: '2026-07-25T00:00:00.000Z',
      },
    });
    expect((refusal as LLMError).message).toBe(
      'Budget "team" would be crossed: spent 0.5 USD (and 0.3 USD reserved by calls in flight) of 1 USD in the day 2026-07-24 (UTC), and this call\'s estimated 0.3 USD would cross the limit. The call was not sent; the budget resets at 2026-07-25T00:00:00.000Z.',
    );
  });

  it('refuses a call whose model has no known price under a block budget (code budget_unpriced), and lets it through a warn budget', async () => {
    const blocking = setup([{ name: 'hard', period: 'day', limit: 1, action: 'block' }]);
    await expect(blocking.guard.reserve({ ...call, unpriced: true })).rejects.toMatchObject({
      type: 'rate_limit',
      code: 'budget_unpriced',
      retryable: false,
      details: { budget: 'hard', limit: '1' },
    });
    const warning = setup([{ name: 'soft', period: 'day', limit: 1, action: 'warn' }]);
    await expect(warning.guard.reserve({ ...call, unpriced: true })).resolves.toBeDefined();
  });

  it('holds nothing against a budget whose scope does not cover the call', async () => {
    const { guard } = setup([
      { period: 'day', limit: 1, action: 'block', scope: 'provider', match: 'claude' },
    ]);
    expect(guard.blocks(call)).toBe(false);
    await guard.reserve(costing('5'));
    expect(guard.blocks({ provider: 'claude', model: 'claude-haiku-4-5' })).toBe(true);
    await expect(
      guard.reserve({
        provider: 'claude',
        model: 'claude-haiku-4-5',
        estimatedCost: { amount: '1.5', currency: 'USD' },
      }),
    ).rejects.toMatchObject({ code: 'budget_exceeded' });
  });

  it('counts reservations in the period of the injected clock: a new UTC day starts from the ledger again', async () => {
    const { clock, guard, spend } = setup([{ period: 'day', limit: 1, action: 'block' }]);
    await spend('0.9');
    await expect(guard.reserve(costing('0.2'))).rejects.toMatchObject({ code: 'budget_exceeded' });
    await clock.advance(12 * 3_600_000);
    await expect(guard.reserve(costing('0.2'))).resolves.toBeDefined();
  });
});
