import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock, LLMError, type Logger } from '@llm/core';
import { sampleRecord } from '../__tests__/sample-records';
import { MemoryUsageStore } from '../store/memory-usage-store';
import { temporaryDirectory } from '../__tests__/temporary-directory';
import { createBudgetGuard } from '../budget/budget-guard';
import type { LedgerProblem } from './ledger-health';
import { createUsageTracker, type UsageTracker } from './usage-tracker';

const JULY_24 = Date.UTC(2026, 6, 24, 9);
const trackers: UsageTracker[] = [];
afterEach(async () => {
  await Promise.all(trackers.splice(0).map((created) => created.close()));
});

/** A tracker whose usage_data_dir is a file where the folder should be. */
function brokenLedger(settings: { durability?: 'batched' | 'sync' } = {}) {
  const blocker = join(temporaryDirectory('ledger-health-'), 'llm-usage');
  writeFileSync(blocker, 'not a folder');
  const clock = createManualClock(JULY_24);
  const warnings: string[] = [];
  const errors: string[] = [];
  const logger: Logger = {
    debug() {},
    info() {},
    warn: (message) => warnings.push(message),
    error: (message) => errors.push(message),
  };
  const tracker = createUsageTracker({
    dataDir: blocker,
    settings,
    clock,
    logger,
    flushOnExit: false,
  });
  trackers.push(tracker);
  const degraded: LedgerProblem[] = [];
  tracker.on('ledger-degraded', (problem) => degraded.push(problem));
  const record = (cost = '0.25') =>
    tracker.recordUsage(sampleRecord({ timestamp: clock.now(), cost_decimal: cost }));
  return { blocker, clock, tracker, warnings, errors, degraded, record };
}

describe('UsageTracker on a ledger folder that cannot be written', () => {
  it('keeps the records in memory and warns once, as a typed ledger-degraded problem naming usage_data_dir and the fix', async () => {
    const { blocker, tracker, warnings, degraded, record } = brokenLedger();
    await record();
    await record();
    await expect(tracker.flush()).rejects.toThrow();
    await expect(tracker.flush()).rejects.toThrow();
    expect(degraded).toHaveLength(1);
    expect(warnings).toHaveLength(1);
    expect(degraded[0]).toMatchObject({ kind: 'unwritable', directory: blocker });
    expect(degraded[0]!.message).toContain(`usage_data_dir "${blocker}"`);
    expect(degraded[0]!.message).toContain('is a file, not a folder');
    expect(tracker.health()).toMatchObject({ ok: false, pendingRecords: 2 });
  });

  it('lets budgets count the records held in memory, without a ledger error reaching the check', async () => {
    const { clock, tracker, record } = brokenLedger();
    const guard = createBudgetGuard({
      budgets: [{ name: 'daily', period: 'day', limit: 1, action: 'block' }],
      tracker,
      clock,
    });
    await record('0.6');
    await expect(guard.check({ provider: 'openai', model: 'gpt-4o' })).resolves.toBeUndefined();
    await record('0.6');
    await expect(guard.check({ provider: 'openai', model: 'gpt-4o' })).rejects.toMatchObject({
      code: 'budget_exceeded',
      details: { spent: '1.2' },
    });
  });

  it('rejects a summary or export of such a folder with an LLMError (code ledger_unreadable) naming it', async () => {
    const { blocker, tracker } = brokenLedger();
    const failure = await tracker.getUsageSummary().catch((error: unknown) => error);
    expect(LLMError.is(failure)).toBe(true);
    expect(failure).toMatchObject({ code: 'ledger_unreadable', retryable: false });
    expect((failure as LLMError).message).toBe(
      `The usage ledger at usage_data_dir "${blocker}" cannot be read (EEXIST): "${blocker}" (or a folder above it) is a file, not a folder: move the file away or set usage_data_dir to a folder.`,
    );
    await expect(tracker.exportUsage('json')).rejects.toMatchObject({ code: 'ledger_unreadable' });
    await expect(tracker.cleanupOldRecords(30)).rejects.toMatchObject({
      code: 'ledger_unreadable',
    });
  });

  it('writes the kept records once the folder works again and reports ledger-recovered', async () => {
    const { blocker, clock, tracker, record } = brokenLedger();
    await record();
    await record();
    await expect(tracker.flush()).rejects.toThrow();
    let recovered = 0;
    tracker.on('ledger-recovered', () => (recovered += 1));
    rmSync(blocker);
    await clock.advance(1000);
    await tracker.flush();
    expect(recovered).toBe(1);
    expect(tracker.health()).toEqual({ ok: true });
    const [summary] = await tracker.getUsageSummary();
    expect(summary).toMatchObject({ total_requests: 2, total_cost_decimal: '0.5' });
  });

  it('rejects a sync recordUsage with code ledger_unwritable and keeps the record for a retry', async () => {
    const { tracker, record } = brokenLedger({ durability: 'sync' });
    const failure = await record().catch((error: unknown) => error);
    expect(LLMError.is(failure)).toBe(true);
    expect(failure).toMatchObject({ code: 'ledger_unwritable' });
    expect((failure as LLMError).message).toContain('usage_data_dir');
    expect(tracker.health()).toMatchObject({ ok: false, pendingRecords: 1 });
  });

  it('closes without rejecting while the folder still cannot be written, logging the records it loses', async () => {
    const { tracker, errors, record } = brokenLedger();
    await record();
    await expect(tracker.close()).resolves.toBeUndefined();
    expect(errors).toEqual([expect.stringContaining('1 record(s) could not be written')]);
    expect(tracker.health().ok).toBe(false);
  });
});

/** A store on a read-only folder: reads work, every append fails as the kernel says (EACCES). */
class ReadOnlyFolderStore extends MemoryUsageStore {
  readonly directory = '/srv/llm-usage';
  override async append(): Promise<void> {
    throw Object.assign(new Error("EACCES: permission denied, open '/srv/llm-usage/x.jsonl'"), {
      code: 'EACCES',
    });
  }
}

describe('UsageTracker on a read-only ledger folder', () => {
  it('keeps the records in memory, counts them in summaries and budgets, and says to make usage_data_dir writable', async () => {
    const clock = createManualClock(JULY_24);
    const tracker = createUsageTracker({
      store: new ReadOnlyFolderStore(),
      clock,
      flushOnExit: false,
    });
    trackers.push(tracker);
    const degraded: LedgerProblem[] = [];
    tracker.on('ledger-degraded', (problem) => degraded.push(problem));
    await tracker.recordUsage(sampleRecord({ timestamp: clock.now(), cost_decimal: '0.7' }));
    await tracker.recordUsage(sampleRecord({ timestamp: clock.now(), cost_decimal: '0.7' }));
    const [summary] = await tracker.getUsageSummary();
    expect(summary).toMatchObject({ total_requests: 2, total_cost_decimal: '1.4' });
    expect(degraded).toHaveLength(1);
    expect(degraded[0]!.message).toContain('usage_data_dir "/srv/llm-usage" (EACCES)');
    expect(degraded[0]!.message).toContain(
      'make it writable or set usage_data_dir to a writable folder',
    );
    const guard = createBudgetGuard({
      budgets: [{ period: 'day', limit: 1, action: 'block' }],
      tracker,
      clock,
    });
    await expect(guard.check({ provider: 'openai', model: 'gpt-4o' })).rejects.toMatchObject({
      code: 'budget_exceeded',
      details: { spent: '1.4' },
    });
  });
});
