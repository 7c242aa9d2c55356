import { afterEach, describe, expect, it } from 'vitest';
import { LLMError } from '@llm/core';
import {
  drain,
  startManagerFixture,
  type ManagerFixture,
  ledgerRecords,
} from './__tests__/manager-fixture';

let fixture: ManagerFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

const hello = {
  model: 'gpt-4o-mini',
  messages: [{ role: 'user' as const, content: 'hello there' }],
};
const records = () => ledgerRecords(fixture!.manager);

describe('manager accounting: exactly one ledger record per call', () => {
  it('records a finished stream once, with the usage of its finish chunk', async () => {
    fixture = await startManagerFixture();
    fixture.simulator.script({
      reply: { text: 'streamed', usage: { prompt_tokens: 12, completion_tokens: 3 } },
    });
    await drain(fixture.manager.streamCompletion(hello));
    expect(await records()).toEqual([
      expect.objectContaining({
        success: true,
        stream: true,
        prompt_tokens: 12,
        completion_tokens: 3,
        total_tokens: 15,
      }),
    ]);
  });

  it('records a stream that broke mid-way once, as failed, with the usage known so far', async () => {
    fixture = await startManagerFixture({ extraToml: '[llm.retry]\nmax_attempts = 1\n' });
    fixture.simulator.script({
      reply: { text: 'a long answer that will not finish', chunk_size: 4 },
      fault: 'drop-mid-stream',
      afterChunks: 3,
    });
    const { chunks: items, error } = await drain(fixture.manager.streamCompletion(hello));
    expect(items.some((chunk) => chunk.type === 'text-delta')).toBe(true);
    expect(LLMError.is(error)).toBe(true);
    const [record, ...rest] = await records();
    expect(rest).toEqual([]);
    expect(record).toMatchObject({ success: false, error_type: 'network', stream: true });
    expect(record!.prompt_tokens).toBeGreaterThan(0);
  });

  it('records a stream the consumer stopped once, as aborted, with estimated usage', async () => {
    fixture = await startManagerFixture();
    fixture.simulator.script({ reply: { text: 'x'.repeat(400), chunk_size: 4 }, chunkDelayMs: 5 });
    for await (const chunk of fixture.manager.streamCompletion(hello)) {
      if (chunk.type === 'text-delta') break;
    }
    await fixture.simulator.waitForClientClose(2000);
    const [record, ...rest] = await records();
    expect(rest).toEqual([]);
    expect(record).toMatchObject({ success: false, error_type: 'aborted', estimated: true });
    expect(record!.completion_tokens).toBeGreaterThan(0);
  });

  it('records a failed call once with its error type', async () => {
    fixture = await startManagerFixture();
    fixture.simulator.script({ error: { status: 400, message: 'bad parameter' } });
    await expect(fixture.manager.chatCompletion(hello)).rejects.toMatchObject({
      type: 'invalid_request',
    });
    expect(await records()).toEqual([
      expect.objectContaining({ success: false, error_type: 'invalid_request', attempts: 1 }),
    ]);
  });

  it('refuses a call over a blocking budget with no request reaching the simulator', async () => {
    fixture = await startManagerFixture({
      extraToml:
        '[[llm.budgets]]\nname = "daily"\nperiod = "day"\nlimit = 0.001\naction = "block"\n',
    });
    fixture.simulator.script({
      reply: { text: 'expensive', usage: { prompt_tokens: 10_000, completion_tokens: 0 } },
    });
    // A small max_tokens keeps the first call's reservation within the limit.
    await fixture.manager.chatCompletion({ ...hello, max_tokens: 16 });
    const before = fixture.simulator.requests.length;
    const refused = await fixture.manager.chatCompletion(hello).catch((error: unknown) => error);
    expect(refused).toMatchObject({
      retryable: false,
      details: expect.objectContaining({ reason: 'budget_exceeded' }),
    });
    expect((refused as Error).message).toMatch(/daily/);
    expect(fixture.simulator.requests.length).toBe(before);
  });

  it('exports CSV with one row per record whose costs add up to the summary total', async () => {
    fixture = await startManagerFixture();
    for (const prompt_tokens of [1234, 5678, 91011]) {
      fixture.simulator.script({
        reply: { text: 'ok', usage: { prompt_tokens, completion_tokens: 7 } },
      });
      await fixture.manager.chatCompletion(hello);
    }
    const csv = await fixture.manager.usage!.exportUsage('csv');
    const [header, ...rows] = csv.trim().split(/\r?\n/);
    const costColumn = header!.split(',').indexOf('cost');
    expect(rows).toHaveLength(3);
    const sum = rows.reduce((total, row) => total + Number(row.split(',')[costColumn]), 0);
    const [summary] = await fixture.manager.getUsageSummary();
    expect(summary!.total_cost).toBeCloseTo(sum, 12);
  });
});
