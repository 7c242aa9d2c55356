import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { estimateMessageTokens, LLMError, type UsageRecord } from '@llm/core';
import type { LedgerProblem } from '@llm/usage';
import { startManagerFixture, type ManagerFixture } from './__tests__/manager-fixture';

let fixture: ManagerFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

const hello = {
  model: 'gpt-4o-mini',
  messages: [{ role: 'user' as const, content: 'hello there' }],
  max_tokens: 1000,
};
/** gpt-4o-mini as the fixture prices it: 0.15 USD per million input tokens, 0.60 per million output. */
const reservationOfHello =
  (estimateMessageTokens(hello.messages, { model: 'gpt-4o-mini' }).tokens * 0.15 +
    hello.max_tokens * 0.6) /
  1_000_000;
const budget = (limit: number) =>
  `[[llm.budgets]]\nname = "daily"\nperiod = "day"\nlimit = ${limit}\naction = "block"\n`;

describe('block budgets against the simulator', () => {
  it('lets exactly the 10 calls whose reservations fit through when 50 run at once, and never spends over the limit', async () => {
    const limit = Number((reservationOfHello * 10.5).toPrecision(6));
    fixture = await startManagerFixture({ extraToml: budget(limit) });
    fixture.simulator.script({
      reply: { text: 'ok', usage: { prompt_tokens: 10, completion_tokens: 5 } },
      times: 50,
    });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 50 }, () => fixture!.manager.chatCompletion(hello)),
    );
    const refused = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(10);
    expect(fixture.simulator.requests).toHaveLength(10);
    expect(refused).toHaveLength(40);
    for (const outcome of refused)
      expect(outcome.reason).toMatchObject({
        type: 'rate_limit',
        code: 'budget_exceeded',
        retryable: false,
        details: expect.objectContaining({ budget: 'daily', currency: 'USD' }),
      });
    const [summary] = await fixture.manager.getUsageSummary({ group_by: 'none' });
    expect(summary).toMatchObject({
      total_requests: 50,
      successful_requests: 10,
      blocked_requests: 40,
      failed_requests: 0,
    });
    expect(summary!.total_cost).toBeLessThanOrEqual(limit);
  });

  it('refuses a call to a model with no known price under a block budget, before the network, as budget_unpriced', async () => {
    fixture = await startManagerFixture({
      extraToml: `${budget(1)}\n[llm.providers.openai.models."house-model"]\nmax_tokens = 100\n`,
    });
    const refused = await fixture.manager
      .chatCompletion({ ...hello, model: 'house-model', max_tokens: 50 })
      .catch((error: unknown) => error);
    expect(LLMError.is(refused)).toBe(true);
    expect(refused).toMatchObject({ code: 'budget_unpriced', retryable: false });
    expect((refused as LLMError).message).toMatch(/\[llm\.prices\]/);
    expect(fixture.simulator.requests).toHaveLength(0);
    const [summary] = await fixture.manager.getUsageSummary({ group_by: 'none' });
    expect(summary).toMatchObject({ blocked_requests: 1, failed_requests: 0 });
  });

  it('releases the reservation of a call that failed, so the budget is free again', async () => {
    fixture = await startManagerFixture({ extraToml: budget(reservationOfHello * 1.5) });
    fixture.simulator.script({ error: { status: 401 } });
    await expect(fixture.manager.chatCompletion(hello)).rejects.toMatchObject({ type: 'auth' });
    fixture.simulator.script({
      reply: { text: 'ok', usage: { prompt_tokens: 1, completion_tokens: 1 } },
    });
    await expect(fixture.manager.chatCompletion(hello)).resolves.toMatchObject({ content: 'ok' });
  });
});

describe('summaries tell failures from aborts and refusals', () => {
  it('counts an aborted call in aborted_requests and a malformed request in rejected_requests, not in failed_requests', async () => {
    fixture = await startManagerFixture();
    const aborted = new AbortController();
    aborted.abort();
    await expect(
      fixture.manager.chatCompletion(hello, { signal: aborted.signal }),
    ).rejects.toMatchObject({ code: 'aborted' });
    await expect(
      fixture.manager.chatCompletion({ model: 'gpt-4o-mini', messages: 'hi' } as never),
    ).rejects.toMatchObject({ type: 'invalid_request', code: 'validation_failed' });
    fixture.simulator.script({ error: { status: 500 }, times: 10 });
    await expect(fixture.manager.chatCompletion(hello)).rejects.toMatchObject({
      type: 'server_error',
    });
    const [summary] = await fixture.manager.getUsageSummary({ group_by: 'none' });
    expect(summary).toMatchObject({
      total_requests: 3,
      aborted_requests: 1,
      rejected_requests: 1,
      failed_requests: 1,
    });
  }, 30_000);
});

describe('a usage_data_dir that is a file', () => {
  it('answers the call, counts it against the budget, and reports the ledger problem once as ledger-degraded', async () => {
    const elsewhere = await mkdtemp(path.join(os.tmpdir(), 'llm-ledger-file-'));
    const blocker = path.join(elsewhere, 'llm-usage');
    await writeFile(blocker, 'a file where the ledger folder should be');
    try {
      fixture = await startManagerFixture({
        extraToml: budget(reservationOfHello * 1.5),
        manager: { config: { usage_data_dir: blocker } },
      });
      const problems: LedgerProblem[] = [];
      const usage: UsageRecord[] = [];
      fixture.manager.on('ledger-degraded', (problem) => problems.push(problem));
      fixture.manager.on('usage', (record) => usage.push(record));
      fixture.simulator.script({
        reply: { text: 'paid', usage: { prompt_tokens: 10, completion_tokens: 1000 } },
      });
      await expect(fixture.manager.chatCompletion(hello)).resolves.toMatchObject({
        content: 'paid',
      });
      expect(usage).toHaveLength(1);
      expect(problems).toHaveLength(1);
      expect(problems[0]!.message).toContain(`usage_data_dir "${blocker}"`);
      expect(fixture.manager.usage!.health()).toMatchObject({ ok: false });
      // The paid call is counted from memory: the next one would cross the limit and is refused.
      await expect(fixture.manager.chatCompletion(hello)).rejects.toMatchObject({
        code: 'budget_exceeded',
      });
      expect(fixture.simulator.requests).toHaveLength(1);
      expect(problems).toHaveLength(1);
    } finally {
      await rm(elsewhere, { recursive: true, force: true });
    }
  });
});

describe('the reservation of a call without max_tokens', () => {
  it("bounds the output by the provider's default_max_tokens when it sends one (Claude)", async () => {
    // claude-sonnet-4 is priced 3 USD / 15 USD per million tokens by the catalog; the fixture sets
    // the model's max_tokens to 8192 (0.12 USD of output), default_max_tokens 100 (0.0015 USD).
    fixture = await startManagerFixture({
      extraToml: budget(0.01),
      manager: { config: { providers: { claude: { default_max_tokens: 100 } } } },
    });
    fixture.simulator.script({
      reply: { text: 'ok', usage: { prompt_tokens: 5, completion_tokens: 5 } },
    });
    const claudeCall = {
      provider: 'claude',
      model: 'claude-sonnet-4-20250514',
      messages: hello.messages,
    };
    await expect(fixture.manager.chatCompletion(claudeCall)).resolves.toMatchObject({
      content: 'ok',
    });
    await expect(
      fixture.manager.chatCompletion({ ...claudeCall, max_tokens: 8192 }),
    ).rejects.toMatchObject({ code: 'budget_exceeded' });
  });
});
