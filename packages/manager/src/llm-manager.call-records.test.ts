import { afterEach, describe, expect, it } from 'vitest';
import {
  drain,
  startManagerFixture,
  type ManagerFixture,
  ledgerRecords,
} from './__tests__/manager-fixture';
import { ask, routingToml } from './__tests__/routing-config';
import type { ManagerEvents } from './manager-events';

let fixture: ManagerFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

const records = () => ledgerRecords(fixture!.manager);

/** Every event of the names given, in the order the manager emitted them. */
function collect<Name extends keyof ManagerEvents>(names: readonly Name[]) {
  const seen: { name: Name; payload: ManagerEvents[Name][0] }[] = [];
  for (const name of names)
    fixture!.manager.on(name, ((payload: ManagerEvents[Name][0]) =>
      seen.push({ name, payload })) as never);
  return seen;
}

const pricedBackup = `
[llm.providers.backup.models.gpt-4o.pricing]
currency = "USD"
unit = "million_tokens"
input_price = 2.5
output_price = 10
`;

describe('per-attempt ledger records and call-counting summaries', () => {
  it('writes one record per provider request with the caller’s call id, the last one final', async () => {
    fixture = await startManagerFixture({
      extraToml: routingToml('[llm.retry]\nbase_delay = 1\nmax_delay = 2\n' + pricedBackup),
    });
    fixture.simulator.script({ match: { model: 'gpt-4o' }, error: { status: 503 }, times: 3 });
    const response = await fixture.manager.chatCompletion(ask('smart'), { callId: 'turn-7' });
    expect(response.metadata.call_id).toBe('turn-7');
    const written = await records();
    expect(
      written.map((record) => [
        record.call_id,
        record.attempt,
        record.provider_name,
        record.outcome,
        record.final,
      ]),
    ).toEqual([
      ['turn-7', 1, 'openai', 'server_error', false],
      ['turn-7', 2, 'openai', 'server_error', false],
      ['turn-7', 3, 'openai', 'server_error', false],
      ['turn-7', 4, 'backup', 'success', true],
    ]);
    expect(new Set(written.map((record) => record.request_id)).size).toBe(1);
  });

  it('generates a call id when none is given, a different one per call', async () => {
    fixture = await startManagerFixture();
    const first = await fixture.manager.chatCompletion(ask('gpt-4o-mini'));
    const second = await fixture.manager.chatCompletion(ask('gpt-4o-mini'));
    expect(first.metadata.call_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(second.metadata.call_id).not.toBe(first.metadata.call_id);
    expect((await records()).map((record) => record.call_id)).toEqual([
      first.metadata.call_id,
      second.metadata.call_id,
    ]);
  });

  it('counts a call once, under the deployment that answered, with attempts in their own columns', async () => {
    fixture = await startManagerFixture({
      extraToml: routingToml('[llm.retry]\nbase_delay = 1\nmax_delay = 2\n' + pricedBackup),
    });
    fixture.simulator.script({ match: { model: 'gpt-4o' }, error: { status: 503 }, times: 3 });
    await fixture.manager.chatCompletion(ask('smart'));
    await fixture.manager.chatCompletion(ask('smart'));
    const summaries = await fixture.manager.getUsageSummary({ group_by: 'provider' });
    const byProvider = Object.fromEntries(summaries.map((summary) => [summary.group, summary]));
    expect(byProvider['backup']).toMatchObject({ total_requests: 1, total_attempts: 1 });
    expect(byProvider['openai']).toMatchObject({
      total_requests: 1,
      successful_requests: 1,
      total_attempts: 4,
      failed_attempts: 3,
    });
    const [all] = await fixture.manager.getUsageSummary({ group_by: 'none' });
    expect(all).toMatchObject({ total_requests: 2, total_attempts: 5, failed_attempts: 3 });
  });

  it('records a stream cut on the primary with its partial output as estimated usage, then the answer', async () => {
    fixture = await startManagerFixture({
      extraToml: routingToml('[llm.retry]\nmax_attempts = 1\n' + pricedBackup),
    });
    fixture.simulator.script({
      match: { model: 'gpt-4o' },
      reply: { text: 'a long answer that will be cut half way through' },
      fault: 'drop-mid-stream',
      afterChunks: 3,
    });
    const { chunks, error } = await drain(
      fixture.manager.streamCompletion(ask('smart'), { streamRecovery: 'restart' }),
    );
    expect(error).toBeUndefined();
    expect(chunks.some((chunk) => chunk.type === 'restart')).toBe(true);
    const [cut, answered] = await records();
    expect(cut).toMatchObject({
      provider_name: 'openai',
      attempt: 1,
      final: false,
      success: false,
      outcome: 'network',
      estimated: true,
    });
    expect(cut!.completion_tokens).toBeGreaterThan(0);
    expect(answered).toMatchObject({ provider_name: 'backup', attempt: 2, final: true });
    // Estimating the partial text loads the tokenizer on first use: seconds on a loaded machine.
  }, 20_000);

  it('records a call refused before any provider request once, final, without an attempt number', async () => {
    fixture = await startManagerFixture();
    await expect(fixture.manager.chatCompletion(ask('no-such-model-x'))).rejects.toThrow();
    const [refused] = await records();
    expect(refused).toMatchObject({ final: true, success: false });
    expect(refused!.attempt).toBeUndefined();
    expect(refused!.call_id).toBeDefined();
  });
});

describe('call and attempt events', () => {
  it('reports call-start, each attempt, and call-end with the cost of every attempt', async () => {
    fixture = await startManagerFixture({
      extraToml: routingToml('[llm.retry]\nmax_attempts = 1\n' + pricedBackup),
    });
    fixture.simulator.script({ match: { model: 'gpt-4o' }, error: { status: 503 } });
    const events = collect([
      'call-start',
      'attempt-start',
      'attempt-end',
      'route',
      'fallback',
      'give-up',
      'call-end',
    ] as const);
    const response = await fixture.manager.chatCompletion(ask('smart'), {
      callId: 'c-1',
      requestId: 'r-1',
    });
    expect(events.map((event) => event.name)).toEqual([
      'call-start',
      'route',
      'attempt-start',
      'attempt-end',
      'give-up',
      'fallback',
      'route',
      'attempt-start',
      'attempt-end',
      'call-end',
    ]);
    const ids = { call_id: 'c-1', request_id: 'r-1' };
    expect(events[0]!.payload).toEqual({
      ...ids,
      operation: 'chat',
      stream: false,
      model: 'smart',
      request: ask('smart'),
    });
    expect(events[3]!.payload).toMatchObject({
      ...ids,
      attempt: 1,
      provider: 'openai',
      model: 'gpt-4o',
      outcome: 'server_error',
      status: 503,
      error_type: 'server_error',
    });
    expect(events[4]!.payload).toMatchObject({ ...ids, provider: 'openai', attempt: 1 });
    expect(events[6]!.payload).toMatchObject({ ...ids, attempt: 2, provider: 'backup' });
    const end = events.at(-1)!.payload as ManagerEvents['call-end'][0];
    expect(end).toMatchObject({
      ...ids,
      operation: 'chat',
      stream: false,
      provider: 'backup',
      model: 'gpt-4o',
      outcome: 'success',
      attempts: 2,
      currency: 'USD',
    });
    expect(end.cost_decimal).toBe(response.usage.cost_breakdown?.total_decimal);
    expect(end.duration_ms).toBeGreaterThanOrEqual(0);
  });

  it('reports a stream’s time to first chunk on its attempt and on the call', async () => {
    fixture = await startManagerFixture();
    const events = collect(['attempt-end', 'call-end'] as const);
    await drain(fixture.manager.streamCompletion(ask('gpt-4o-mini')));
    const [attemptEnd, callEnd] = events.map((event) => event.payload) as [
      ManagerEvents['attempt-end'][0],
      ManagerEvents['call-end'][0],
    ];
    expect(attemptEnd).toMatchObject({ outcome: 'success' });
    expect(attemptEnd.ttfc_ms).toBeGreaterThanOrEqual(0);
    expect(callEnd).toMatchObject({ stream: true, outcome: 'success', attempts: 1 });
    expect(callEnd.ttfc_ms).toBeGreaterThanOrEqual(0);
  });

  it('names the call in the timeout and retry events of its attempts', async () => {
    fixture = await startManagerFixture({
      extraToml: routingToml(
        '[llm.retry]\nbase_delay = 1\nmax_delay = 2\n\n[llm.providers.openai.timeouts]\nrequest = 100\n',
      ),
    });
    fixture.simulator.script(
      { match: { model: 'gpt-4o' }, error: { status: 500 } },
      { match: { model: 'gpt-4o' }, fault: 'hang' },
    );
    const events = collect(['retry', 'timeout', 'call-end'] as const);
    await fixture.manager.chatCompletion(ask('smart'), { callId: 'c-2' });
    const retry = events.find((event) => event.name === 'retry')!.payload;
    const timeout = events.find((event) => event.name === 'timeout')!.payload;
    expect(retry).toMatchObject({
      call_id: 'c-2',
      provider: 'openai',
      model: 'gpt-4o',
      attempt: 1,
    });
    expect(timeout).toMatchObject({ call_id: 'c-2', provider: 'openai', attempt: 2 });
    expect(events.at(-1)!.payload).toMatchObject({ provider: 'backup', attempts: 3 });
  });
});
