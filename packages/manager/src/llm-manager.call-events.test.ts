import { afterEach, describe, expect, it } from 'vitest';
import type { LLMResponse } from '@llm/core';
import type { Simulator } from '@llm/testing';
import { capturedPino } from './__tests__/captured-log-lines';
import { drain, startManagerFixture, type ManagerFixture } from './__tests__/manager-fixture';
import type { AttemptEndEvent, AttemptStartEvent, CallEndEvent } from './manager-events';

let fixture: ManagerFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

/** `smart` streams from openai (priced in USD), then restarts on backup (priced in EUR). */
const twoCurrencies = (simulator: Simulator) => `
[llm.providers.openai.models.gpt-4o.pricing]
currency = "USD"
unit = "million_tokens"
input_price = 2.5
output_price = 10

[llm.providers.backup]
type = "openai"
api_key = "\${TEST_OPENAI_KEY}"
base_url = "${simulator.openaiBaseURL}"
timeout = 5000

[llm.providers.backup.models.gpt-4o.pricing]
currency = "EUR"
unit = "million_tokens"
input_price = 2
output_price = 8

[llm.models.smart]
deployments = [{ provider = "openai", model = "gpt-4o" }]
fallbacks = ["backup/gpt-4o"]
stream_recovery = "restart"
`;

const ask = (model: string) => ({
  model,
  messages: [{ role: 'user' as const, content: 'count to twelve' }],
});

// The first test of the file also pays for loading the SDKs.
describe('call events', { timeout: 15_000 }, () => {
  it('sums a call-end cost per currency when its attempts were priced in two', async () => {
    fixture = await startManagerFixture({ extraToml: twoCurrencies });
    fixture.simulator.script(
      {
        match: { model: 'gpt-4o' },
        reply: { text: 'one two three four five six seven eight', chunk_size: 4 },
        fault: 'drop-mid-stream',
        afterChunks: 3,
      },
      { match: { model: 'gpt-4o' }, reply: { text: 'the whole answer' } },
    );
    const ends: CallEndEvent[] = [];
    fixture.manager.on('call-end', (event) => ends.push(event));
    await drain(fixture.manager.streamCompletion(ask('smart')));
    expect(ends).toHaveLength(1);
    const [end] = ends;
    expect(end!.outcome).toBe('success');
    expect(end!.costs?.map((cost) => cost.currency)).toEqual(['USD', 'EUR']);
    const records = JSON.parse(await fixture.manager.usage!.exportUsage('json')) as {
      currency?: string;
      cost_decimal?: string;
    }[];
    // Each currency's sum is exactly its records' cost; the first stays in `cost` / `currency`.
    for (const cost of end!.costs!) {
      const billed = records.filter((record) => record.currency === cost.currency);
      expect(billed).toHaveLength(1);
      expect(cost.cost_decimal).toBe(billed[0]!.cost_decimal);
      expect(cost.cost).toBe(Number(billed[0]!.cost_decimal));
    }
    expect(end).toMatchObject({
      currency: 'USD',
      cost_decimal: end!.costs![0]!.cost_decimal,
    });
  });

  it('sums costs in one currency exactly across the attempts of a call', async () => {
    fixture = await startManagerFixture({
      extraToml: (simulator) =>
        twoCurrencies(simulator).replace('currency = "EUR"', 'currency = "USD"'),
    });
    fixture.simulator.script(
      {
        match: { model: 'gpt-4o' },
        reply: { text: 'one two three four five six seven eight', chunk_size: 4 },
        fault: 'drop-mid-stream',
        afterChunks: 3,
      },
      { match: { model: 'gpt-4o' }, reply: { text: 'the whole answer' } },
    );
    const ends: CallEndEvent[] = [];
    fixture.manager.on('call-end', (event) => ends.push(event));
    await drain(fixture.manager.streamCompletion(ask('smart')));
    const records = JSON.parse(await fixture.manager.usage!.exportUsage('json')) as {
      cost_decimal: string;
    }[];
    expect(records).toHaveLength(2);
    const units = (text: string) => BigInt(Math.round(Number(text) * 1e12));
    expect(ends[0]!.costs).toHaveLength(1);
    expect(units(ends[0]!.cost_decimal!)).toBe(
      units(records[0]!.cost_decimal) + units(records[1]!.cost_decimal),
    );
  });

  it('hands attempt-start the request the provider gets and attempt-end the response, by reference', async () => {
    fixture = await startManagerFixture();
    fixture.simulator.script({ match: { model: 'gpt-4o-mini' }, reply: { text: 'hello back' } });
    const starts: AttemptStartEvent[] = [];
    const ends: AttemptEndEvent[] = [];
    fixture.manager.on('attempt-start', (event) => starts.push(event));
    fixture.manager.on('attempt-end', (event) => ends.push(event));
    const request = ask('gpt-4o-mini');
    const response = await fixture.manager.chatCompletion(request);
    expect(starts).toHaveLength(1);
    expect(starts[0]!.request).toBe(request);
    const answered = ends[0]!.response as LLMResponse;
    expect(answered.content).toBe('hello back');
    expect(answered.metadata.request_id).toBe(response.metadata.request_id);
    expect(response.metadata.attempt_count).toBe(1);
  });

  it('builds no attempt or call payload nobody listens to, and still tracks deployment health', async () => {
    fixture = await startManagerFixture({ manager: { logger: capturedPino('warn').logger } });
    fixture.simulator.script({ match: { model: 'gpt-4o-mini' }, error: { status: 401 } });
    expect(fixture.manager.listenerCount('attempt-start')).toBe(0);
    expect(fixture.manager.listenerCount('attempt-end')).toBe(0);
    await expect(fixture.manager.chatCompletion(ask('gpt-4o-mini'))).rejects.toThrow(/401/);
    const health = await fixture.manager.healthCheck();
    expect(health.deployments?.['openai/gpt-4o-mini']).toMatchObject({ last_error: 'auth' });
  });

  it('writes debug lines for each attempt from its request and response, secrets scanned out', async () => {
    const { logger, parsed } = capturedPino('debug');
    fixture = await startManagerFixture({
      manager: { logger, debug: true },
    });
    fixture.simulator.script({
      match: { model: 'gpt-4o-mini' },
      reply: { text: `the key is sk-test-openai-123456 ${'x'.repeat(200)}` },
    });
    await fixture.manager.chatCompletion({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: `repeat sk-test-openai-123456 ${'y'.repeat(200)}` }],
    });
    const lines = parsed();
    const start = lines.find((line) => line['event'] === 'attempt-start');
    const end = lines.find((line) => line['event'] === 'attempt-end');
    expect(start).toBeDefined();
    expect(end).toBeDefined();
    const text = JSON.stringify(lines);
    expect(text).not.toContain('sk-test-openai-123456');
    expect(text).toContain('repeat ***');
  });
});
