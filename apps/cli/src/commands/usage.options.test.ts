import { afterEach, describe, expect, it } from 'vitest';
import type { UsageRecord, UsageSummary } from '@llm/core';
import { claudeProviderToml, startCliFixture, type CliFixture } from '../__tests__/cli-fixture';

let fixture: CliFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

/** One call to OpenAI and one to Claude, both recorded in the ledger. */
async function fixtureWithTwoProviders(): Promise<CliFixture> {
  const started = await startCliFixture();
  await started.writeConfig({ extra: claudeProviderToml(started.simulator) });
  started.simulator.script(
    { reply: { text: 'one', usage: { prompt_tokens: 10, completion_tokens: 5 } } },
    { reply: { text: 'two', usage: { prompt_tokens: 20, completion_tokens: 7 } } },
  );
  expect((await started.run('chat', 'one')).code).toBe(0);
  expect((await started.run('chat', 'two', '--model', 'claude-sonnet-4-20250514')).code).toBe(0);
  return started;
}

describe('llm usage options', () => {
  it.each([
    [['--since', '3x'], '--since takes a duration (7d) or a date (2026-01-31), got "3x"'],
    [
      ['--until', 'yesterday'],
      '--until takes a duration (7d) or a date (2026-01-31), got "yesterday"',
    ],
    [['--by', 'model,model'], '--by names a grouping twice (model,model)'],
    [['--by', 'tag:team,model'], '--by tag:<key> must be the last of several groupings'],
  ])('refuses usage summary %j with exit code 2, naming the problem', async (options, message) => {
    fixture = await startCliFixture();
    const result = await fixture.run('usage', 'summary', ...options);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it('splits each provider by hour, totalling every group itself', async () => {
    fixture = await fixtureWithTwoProviders();
    const result = await fixture.run('usage', 'summary', '--by', 'provider,hour', '--json');
    expect(result.code).toBe(0);
    const groups = JSON.parse(result.stdout) as UsageSummary[];
    expect(groups.map((group) => [group.provider_name, group.total_tokens])).toEqual(
      expect.arrayContaining([
        ['openai', 15],
        ['claude', 27],
      ]),
    );
    expect(groups).toHaveLength(2);
    for (const group of groups) expect(group.group).toMatch(/^\w+ \d{4}-\d\d-\d\dT\d\d/);
  });

  it('keeps only the records since an ISO date and until a duration ago', async () => {
    fixture = await fixtureWithTwoProviders();
    const all = await fixture.run('usage', 'summary', '--since', '2000-01-01', '--json');
    expect((JSON.parse(all.stdout) as UsageSummary[]).length).toBe(2);
    const none = await fixture.run('usage', 'summary', '--until', '1d', '--json');
    expect(none.code).toBe(0);
    expect(JSON.parse(none.stdout)).toEqual([]);
  });

  it('exports JSON to stdout, filtered by provider', async () => {
    fixture = await fixtureWithTwoProviders();
    const result = await fixture.run('usage', 'export', '--format', 'json', '--provider', 'claude');
    expect(result.code).toBe(0);
    const records = JSON.parse(result.stdout) as UsageRecord[];
    expect(records.map((record) => record.provider_name)).toEqual(['claude']);
    expect(result.stdout.endsWith('\n')).toBe(true);
  });

  it('refuses an export format it cannot write', async () => {
    fixture = await startCliFixture();
    const result = await fixture.run('usage', 'export', '--format', 'xml');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--format takes csv or json (got "xml")');
  });
});
