import { afterEach, describe, expect, it } from 'vitest';
import { startCliFixture, type CliFixture } from '../__tests__/cli-fixture';
import { bar } from '../format/bar-chart';

let fixture: CliFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

describe('llm usage chart and budgets', () => {
  it('draws cost and tokens by model, the larger bar for the costlier model, within 80 columns', async () => {
    fixture = await startCliFixture();
    await fixture.writeConfig({
      extra: `
[llm.providers.openai.models.gpt-4o]
`,
    });
    fixture.simulator.script(
      { reply: { text: 'a', usage: { prompt_tokens: 100, completion_tokens: 10 } } },
      { reply: { text: 'b', usage: { prompt_tokens: 1000, completion_tokens: 100 } } },
    );
    await fixture.run('chat', 'a');
    await fixture.run('chat', '-m', 'gpt-4o', 'b');
    const result = await fixture.run('usage', 'chart', '--by', 'model');
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
    expect(lines[0]).toMatch(/^cost by model \(total 0\.\d+ USD\)$/);
    const bars = (model: string) =>
      lines.find((line) => line.startsWith(model))!.match(/[█▏▎▍▌▋▊▉]+/)![0];
    expect(bars('openai/gpt-4o ').length).toBeGreaterThan(bars('openai/gpt-4o-mini').length);
    expect(result.stdout).toMatch(/^tokens by model/m);
    const byDay = await fixture.run('usage', 'chart', '--since', '7d');
    expect(byDay.stdout).toContain(new Date().toISOString().slice(0, 10));
    const bad = await fixture.run('usage', 'chart', '--by', 'hour');
    expect(bad.code).toBe(2);
  });

  it('shows each budget with spent, limit and reset time', async () => {
    fixture = await startCliFixture();
    await fixture.writeConfig({
      extra: `
[[llm.budgets]]
name = "daily"
period = "day"
limit = 5
currency = "USD"
action = "block"
`,
    });
    await fixture.run('chat', 'hello');
    const table = await fixture.run('usage', 'budgets');
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(
      /^budget\s+scope\s+period\s+spent\s+limit\s+action\s+resets \(UTC\)\s+state$/m,
    );
    expect(table.stdout).toMatch(
      /^daily\s+all calls\s+\d{4}-\d{2}-\d{2}\s+0\.\d+ USD\s+5 USD\s+block\s+\d{4}-\d{2}-\d{2} 00:00\s+ok$/m,
    );
    const json = await fixture.run('usage', 'budgets', '--json');
    expect(JSON.parse(json.stdout)).toEqual([
      expect.objectContaining({ name: 'daily', limit: '5', exceeded: false }),
    ]);
  });

  it('scales bars in eighths of a cell', () => {
    expect(bar(1, 4)).toBe('████');
    expect(bar(0.5, 3)).toBe('█▌');
    expect(bar(0, 5)).toBe('');
  });
});
