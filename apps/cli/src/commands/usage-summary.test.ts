import { afterEach, describe, expect, it } from 'vitest';
import type { UsageSummary } from '@llm/core';
import { startCliFixture, type CliFixture } from '../__tests__/cli-fixture';

let fixture: CliFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

const LONG_MODEL = 'a-very-long-model-name-that-would-push-the-summary-table-past-eighty-columns';

/** Two priced models; one call to each. */
async function fixtureWithTwoCalls(): Promise<CliFixture> {
  const started = await startCliFixture();
  await started.writeConfig({
    extra: `
[llm.providers.openai.models."${LONG_MODEL}".pricing]
currency = "USD"
unit = "million_tokens"
input_price = 1.0
output_price = 2.0
`,
  });
  started.simulator.script(
    { reply: { text: 'one', usage: { prompt_tokens: 100, completion_tokens: 50 } } },
    { reply: { text: 'two', usage: { prompt_tokens: 1000, completion_tokens: 500 } } },
  );
  expect((await started.run('chat', 'one')).code).toBe(0);
  expect((await started.run('chat', 'two', '--model', LONG_MODEL)).code).toBe(0);
  return started;
}

const today = () => new Date().toISOString().slice(0, 10);

describe('llm usage summary', () => {
  it('writes the cost in CSV as a number, with the currency in a column of its own', async () => {
    fixture = await fixtureWithTwoCalls();
    const csv = await fixture.run('usage', 'summary', '--csv');
    expect(csv.code).toBe(0);
    const [header, ...rows] = csv.stdout.trimEnd().split('\r\n');
    const columns = header!.split(',');
    expect(columns.slice(-2)).toEqual(['cost', 'currency']);
    const byModel = Object.fromEntries(
      rows.map((row) => {
        const cells = row.split(',');
        return [cells[columns.indexOf('model')], cells];
      }),
    );
    const mini = byModel['gpt-4o-mini']!;
    expect(mini[columns.indexOf('cost')]).toBe(String((100 * 0.15 + 50 * 0.6) / 1e6));
    expect(Number(mini[columns.indexOf('cost')])).toBeCloseTo(0.000045, 12);
    expect(mini[columns.indexOf('currency')]).toBe('USD');
    expect(byModel[LONG_MODEL]![columns.indexOf('cost')]).toBe('0.002');
  });

  it.each([[['--by', 'day,model']], [['--by', 'day', '--by', 'model']]])(
    'groups by day and then by model for %j, never only by the last grouping',
    async (by) => {
      fixture = await fixtureWithTwoCalls();
      const result = await fixture.run('usage', 'summary', ...by, '--json');
      expect(result.code).toBe(0);
      const summaries = JSON.parse(result.stdout) as UsageSummary[];
      expect(summaries.map((summary) => [summary.group, summary.total_requests])).toEqual([
        [`${today()} openai/${LONG_MODEL}`, 1],
        [`${today()} openai/gpt-4o-mini`, 1],
      ]);
      expect(summaries.map((summary) => summary.total_prompt_tokens)).toEqual([1000, 100]);
    },
  );

  it('refuses a tag grouping before another one, whose untagged group no filter can select', async () => {
    fixture = await startCliFixture();
    const result = await fixture.run('usage', 'summary', '--by', 'tag:team,day');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: --by tag:<key> must be the last of several groupings/);
  });

  it('prints a table that fits 80 columns and ends with a totals row', async () => {
    fixture = await fixtureWithTwoCalls();
    const result = await fixture.run('usage', 'summary', '--by', 'day,model');
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
    expect(lines[0]).toMatch(/^group\s+requests\s+failed\s+prompt\s+completion\s+cost$/);
    expect(lines[2]).toMatch(
      new RegExp(`^${today()} openai/a-very-lo\\S*…\\s+1\\s+0\\s+1000\\s+500\\s+0\\.002000 USD$`),
    );
    expect(lines.at(-2)).toMatch(/^-+( +-+)+$/);
    expect(lines.at(-1)).toMatch(/^total\s+2\s+0\s+1100\s+550\s+0\.002045 USD$/);
  });
});
