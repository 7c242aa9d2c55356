import { describe, expect, it } from 'vitest';
import { createManualClock, LLMError } from '@llm/core';
import { createUsageTracker } from '../ledger/usage-tracker';
import { MemoryUsageStore } from '../store/memory-usage-store';
import { sampleRecord } from '../__tests__/sample-records';
import { createBudgetGuard, type BudgetConfigInput, type BudgetStatus } from './budget-guard';

const DAY = 86_400_000;
const JULY_24_NOON = Date.UTC(2026, 6, 24, 12);

function setup(
  budgets: BudgetConfigInput[],
  options: { displayCurrency?: string; exchangeRates?: Record<string, number> } = {},
) {
  const clock = createManualClock(JULY_24_NOON);
  const tracker = createUsageTracker({ store: new MemoryUsageStore(), clock, flushOnExit: false });
  const guard = createBudgetGuard({ budgets, tracker, clock, ...options });
  const spend = (cost: string, overrides: Parameters<typeof sampleRecord>[0] = {}) =>
    tracker.recordUsage(sampleRecord({ timestamp: clock.now(), cost_decimal: cost, ...overrides }));
  return { clock, tracker, guard, spend };
}
const call = { provider: 'openai', model: 'gpt-4o' };

describe('BudgetGuard', () => {
  it('lets calls through while a block budget has money left', async () => {
    const { guard, spend } = setup([{ period: 'day', limit: 10, action: 'block' }]);
    await spend('9.99');
    await expect(guard.check(call)).resolves.toBeUndefined();
  });

  it('refuses a call once a block budget is used up, with a typed error stating budget, spend and period', async () => {
    const { guard, spend } = setup([{ name: 'daily', period: 'day', limit: 10, action: 'block' }]);
    await spend('6');
    await spend('4.5');
    const error = await guard.check(call).catch((caught: unknown) => caught);
    expect(LLMError.is(error)).toBe(true);
    expect(error).toMatchObject({
      type: 'rate_limit',
      retryable: false,
      providerName: 'openai',
      details: {
        reason: 'budget_exceeded',
        budget: 'daily',
        spent: '10.5',
        limit: '10',
        period: 'day',
        currency: 'USD',
        resets_at: Date.UTC(2026, 6, 25),
      },
    });
    expect((error as LLMError).message).toBe(
      'Budget "daily" is used up: spent 10.5 USD of 10 USD in the day 2026-07-24 (UTC). The call was not sent; the budget resets at 2026-07-25T00:00:00.000Z.',
    );
  });

  it('starts a day budget afresh on the next UTC day', async () => {
    const { clock, guard, spend } = setup([{ period: 'day', limit: 1, action: 'block' }]);
    await spend('1');
    await expect(guard.check(call)).rejects.toThrow(/used up/);
    await clock.advance(DAY / 2);
    await expect(guard.check(call)).resolves.toBeUndefined();
  });

  it('counts a month budget over the whole UTC month and resets on the first', async () => {
    const { clock, guard, spend } = setup([{ period: 'month', limit: 5, action: 'block' }]);
    await spend('3');
    await clock.advance(5 * DAY);
    await spend('2');
    await expect(guard.check(call)).rejects.toThrow(/month 2026-07/);
    await clock.advance(3 * DAY);
    await expect(guard.check(call)).resolves.toBeUndefined();
  });

  it('limits only the provider, model or tag its scope names', async () => {
    const { guard, spend } = setup([
      { period: 'day', limit: 1, action: 'block', scope: 'provider', match: 'claude' },
      { period: 'day', limit: 1, action: 'block', scope: 'model', match: 'o3' },
      { period: 'day', limit: 1, action: 'block', scope: 'tag', match: 'team=search' },
    ]);
    await spend('1', { provider_name: 'claude', model_name: 'claude-sonnet-4-5' });
    await spend('1', { model_name: 'o3' });
    await spend('1', { tags: { team: 'search' } });
    await expect(guard.check({ provider: 'claude', model: 'claude-haiku-4-5' })).rejects.toThrow(
      /provider claude/,
    );
    await expect(guard.check({ provider: 'openai', model: 'o3' })).rejects.toThrow(/model o3/);
    await expect(guard.check({ ...call, tags: { team: 'search' } })).rejects.toThrow(
      /tag team=search/,
    );
    await expect(guard.check({ ...call, tags: { team: 'chat' } })).resolves.toBeUndefined();
  });

  it('emits warn once per period for a warn budget and lets the call through', async () => {
    const { guard, spend } = setup([{ name: 'soft', period: 'day', limit: 1, action: 'warn' }]);
    const warnings: BudgetStatus[] = [];
    guard.on('warn', (status) => warnings.push(status));
    await spend('2');
    await guard.check(call);
    await guard.check(call);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({
      name: 'soft',
      spent: '2',
      limit: '1',
      exceeded: true,
      periodLabel: '2026-07-24',
    });
  });

  it('converts spend in other currencies to the budget currency', async () => {
    const { guard, spend } = setup(
      [{ period: 'day', limit: 10, currency: 'CNY', action: 'block' }],
      { displayCurrency: 'USD', exchangeRates: { CNY: 7 } },
    );
    await spend('1', { currency: 'USD' });
    await spend('2.9', { currency: 'CNY' });
    await expect(guard.check(call)).resolves.toBeUndefined();
    await spend('0.1', { currency: 'CNY' });
    await expect(guard.check(call)).rejects.toThrow(/spent 10 CNY of 10 CNY/);
  });

  it('refuses a call whose estimated cost would cross a block budget', async () => {
    const { guard, spend } = setup([{ period: 'day', limit: 1, action: 'block' }]);
    await spend('0.9');
    await expect(
      guard.check({ ...call, estimatedCost: { amount: '0.05', currency: 'USD' } }),
    ).resolves.toBeUndefined();
    await expect(
      guard.check({ ...call, estimatedCost: { amount: '0.2', currency: 'USD' } }),
    ).rejects.toMatchObject({ details: { estimated_cost: '0.2' } });
  });

  it('reports where every budget stands', async () => {
    const { guard, spend } = setup([
      { name: 'a', period: 'day', limit: 2 },
      { name: 'b', period: 'month', limit: 100 },
    ]);
    await spend('1.5');
    expect(
      (await guard.status()).map((status) => [status.name, status.spent, status.exceeded]),
    ).toEqual([
      ['a', '1.5', false],
      ['b', '1.5', false],
    ]);
  });

  it('rejects a scoped budget without the name it limits', () => {
    const tracker = createUsageTracker({ store: new MemoryUsageStore(), flushOnExit: false });
    expect(() =>
      createBudgetGuard({ budgets: [{ period: 'day', limit: 1, scope: 'provider' }], tracker }),
    ).toThrow(/needs "match"/);
    expect(() =>
      createBudgetGuard({
        budgets: [{ period: 'day', limit: 1, scope: 'tag', match: 'nokey' }],
        tracker,
      }),
    ).toThrow(/key=value/);
  });
});
