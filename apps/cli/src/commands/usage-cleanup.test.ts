import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { UsageRecord } from '@llm/core';
import { createUsageTracker } from '@llm/usage';
import { startCliFixture, type CliFixture } from '../__tests__/cli-fixture';

const DAY_MS = 86_400_000;

let fixture: CliFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

function record(daysAgo: number): UsageRecord {
  return {
    model_name: 'gpt-4o-mini',
    provider_name: 'openai',
    timestamp: Date.now() - daysAgo * DAY_MS,
    request_id: `old-${daysAgo}`,
    prompt_tokens: 10,
    completion_tokens: 5,
    total_tokens: 15,
    success: true,
    response_time: 12,
  };
}

/** A ledger with one record 40 days old, one 10 days old and one from today. */
async function fixtureWithRecords(usage = ''): Promise<CliFixture> {
  const started = await startCliFixture();
  await started.writeConfig({ usage });
  const tracker = createUsageTracker({
    dataDir: path.join(started.directory, 'usage'),
    settings: { durability: 'sync' },
  });
  for (const daysAgo of [40, 10, 0]) await tracker.recordUsage(record(daysAgo));
  await tracker.close();
  return started;
}

async function requestsLeft(started: CliFixture): Promise<number> {
  const summary = await started.run('usage', 'summary', '--by', 'provider', '--json');
  return (JSON.parse(summary.stdout) as { total_requests: number }[])[0]?.total_requests ?? 0;
}

describe('llm usage cleanup', () => {
  it('uses [llm.usage] retention_days from the config when --older-than is not given', async () => {
    fixture = await fixtureWithRecords('retention_days = 30');
    const cleanup = await fixture.run('usage', 'cleanup');
    expect(cleanup).toMatchObject({
      code: 0,
      stdout: 'Removed 1 record(s) older than 30 day(s).\n',
    });
    expect(await requestsLeft(fixture)).toBe(2);
  });

  it('says to pass --older-than or set retention_days when neither is there', async () => {
    fixture = await fixtureWithRecords();
    const cleanup = await fixture.run('usage', 'cleanup');
    expect(cleanup.code).toBe(2);
    expect(cleanup.stderr).toMatch(
      /^error: usage cleanup needs --older-than \(e\.g\. --older-than 90d\), or retention_days under \[llm\.usage\]/,
    );
    expect(await requestsLeft(fixture)).toBe(3);
  });

  it('takes --older-than 0d as 0 days: every record before today goes, today stays', async () => {
    fixture = await fixtureWithRecords();
    const cleanup = await fixture.run('usage', 'cleanup', '--older-than', '0d');
    expect(cleanup).toMatchObject({
      code: 0,
      stdout: 'Removed 2 record(s) older than 0 day(s).\n',
    });
    expect(await requestsLeft(fixture)).toBe(1);
  });

  it('refuses a period that is not whole days, since records are kept by UTC day', async () => {
    fixture = await fixtureWithRecords();
    const cleanup = await fixture.run('usage', 'cleanup', '--older-than', '36h');
    expect(cleanup.code).toBe(2);
    expect(cleanup.stderr).toMatch(/^error: --older-than takes whole days/);
    expect(await requestsLeft(fixture)).toBe(3);
  });
});
