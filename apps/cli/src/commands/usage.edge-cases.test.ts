import { afterEach, describe, expect, it } from 'vitest';
import { startCliFixture, type CliFixture } from '../__tests__/cli-fixture';
import { conversationTotals, newConversation } from '../chat/conversation-store';

let fixture: CliFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

describe('llm usage commands on an empty ledger and odd input', () => {
  it('says there is nothing recorded, and that no budget is configured', async () => {
    fixture = await startCliFixture();
    expect((await fixture.run('usage', 'summary')).stdout).toBe(
      'No usage recorded for this filter.\n',
    );
    expect((await fixture.run('usage', 'chart')).stdout).toBe(
      'No usage recorded for this period.\n',
    );
    expect((await fixture.run('usage', 'budgets')).stdout).toMatch(/^No budgets configured/);
    expect(JSON.parse((await fixture.run('usage', 'budgets', '--json')).stdout)).toEqual([]);
    expect((await fixture.run('models', '-p', 'openai', '--json')).code).toBe(0);
  });

  it('exports JSON to stdout, charts as JSON, and refuses a bad format, date and duration', async () => {
    fixture = await startCliFixture();
    await fixture.run('chat', 'one');
    const json = await fixture.run('usage', 'export', '--format', 'json', '--since', '2020-01-01');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual([
      expect.objectContaining({ model_name: 'gpt-4o-mini' }),
    ]);
    const chart = await fixture.run('usage', 'chart', '--json', '--until', '0m');
    expect(JSON.parse(chart.stdout)).toHaveLength(1);
    expect((await fixture.run('usage', 'export', '--format', 'xml')).stderr).toMatch(
      /--format takes csv or json \(got "xml"\)/,
    );
    expect((await fixture.run('usage', 'summary', '--since', 'yesterday')).stderr).toMatch(
      /--since takes a duration \(7d\) or a date \(2026-01-31\), got "yesterday"/,
    );
    expect((await fixture.run('usage', 'cleanup', '--older-than', '3y')).stderr).toMatch(
      /--older-than takes a duration like 30m, 12h, 7d or 2w/,
    );
  });

  it('sums a conversation without a priced answer as no cost', () => {
    const conversation = newConversation(new Date('2026-01-02T03:04:05Z'));
    expect(conversation.id).toMatch(/^20260102030405-[0-9a-f]{6}$/);
    conversation.usage.push({ model: 'm', prompt_tokens: 3, completion_tokens: 4 });
    expect(conversationTotals(conversation)).toEqual({
      prompt_tokens: 3,
      completion_tokens: 4,
      cost: undefined,
      currency: 'USD',
    });
    conversation.usage.push({
      model: 'm',
      prompt_tokens: 1,
      completion_tokens: 1,
      cost: 0.1,
      currency: 'EUR',
    });
    conversation.usage.push({
      model: 'm',
      prompt_tokens: 1,
      completion_tokens: 1,
      cost: 0.2,
      currency: 'EUR',
    });
    expect(conversationTotals(conversation)).toMatchObject({ cost: 0.3, currency: 'EUR' });
  });
});
