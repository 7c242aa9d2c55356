import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock, LLMError } from '@llm/core';
import { startManagerFixture, type ManagerFixture } from './__tests__/manager-fixture';

let fixture: ManagerFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

const hello = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'hello' }] };
const chatRequests = () =>
  fixture!.simulator.requests.filter((request) => request.protocol === 'openai').length;

describe('manager resilience against the simulator', () => {
  it('retries a 429 no sooner than its retry-after-ms', async () => {
    fixture = await startManagerFixture({
      extraToml: '[llm.retry]\nbase_delay = 1\nmax_delay = 10\n',
    });
    fixture.simulator.script({ error: { status: 429 }, headers: { 'retry-after-ms': '300' } });
    const response = await fixture.manager.chatCompletion(hello);
    const [first, second] = fixture.simulator.requests;
    expect(response.metadata.attempt_count).toBe(2);
    expect(second!.receivedAt - first!.receivedAt).toBeGreaterThanOrEqual(300);
  });

  it('tries a 401 exactly once', async () => {
    fixture = await startManagerFixture();
    fixture.simulator.script({ error: { status: 401 }, times: 5 });
    await expect(fixture.manager.chatCompletion(hello)).rejects.toMatchObject({ type: 'auth' });
    expect(chatRequests()).toBe(1);
  });

  it('retries a 503 twice more, then fails with the history of all three attempts', async () => {
    fixture = await startManagerFixture({
      extraToml: '[llm.retry]\nbase_delay = 5\nmax_delay = 20\n',
    });
    fixture.simulator.script({ error: { status: 503 }, times: 10 });
    const failure = await fixture.manager.chatCompletion(hello).catch((error: unknown) => error);
    expect(LLMError.is(failure)).toBe(true);
    expect(failure).toMatchObject({ type: 'server_error', statusCode: 503 });
    expect((failure as LLMError).attempts?.map((attempt) => attempt.statusCode)).toEqual([
      503, 503, 503,
    ]);
    expect(chatRequests()).toBe(3);
  });

  it('ends a call within 50 ms when it is aborted during a backoff wait', async () => {
    fixture = await startManagerFixture({
      extraToml: '[llm.retry]\nbase_delay = 10000\nmax_delay = 10000\njitter = "none"\n',
    });
    fixture.simulator.script({ error: { status: 503 }, times: 10 });
    const controller = new AbortController();
    const call = fixture.manager
      .chatCompletion(hello, { signal: controller.signal })
      .catch((error: unknown) => error);
    while (chatRequests() < 1) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const abortedAt = Date.now();
    controller.abort();
    const failure = await call;
    expect(Date.now() - abortedAt).toBeLessThan(50);
    expect(LLMError.is(failure)).toBe(true);
    expect(chatRequests()).toBe(1);
    const exported = JSON.parse(await fixture.manager.usage!.exportUsage('json')) as {
      error_type?: string;
    }[];
    expect(exported.map((record) => record.error_type)).toEqual(['aborted']);
  });

  it('opens the circuit after the configured failures, sends nothing until the cooldown, then closes on one probe', async () => {
    const clock = createManualClock(Date.now());
    fixture = await startManagerFixture({
      extraToml:
        '[llm.retry]\nmax_attempts = 1\n\n[llm.circuit_breaker]\nfailure_threshold = 3\ncooldown = 30000\nhalf_open_max_calls = 1\n',
      manager: { clock },
    });
    fixture.simulator.script({ error: { status: 500 }, times: 3 });
    for (let call = 0; call < 3; call++)
      await expect(fixture.manager.chatCompletion(hello)).rejects.toMatchObject({
        statusCode: 500,
      });
    const open = await fixture.manager.chatCompletion(hello).catch((error: unknown) => error);
    expect(open).toMatchObject({
      details: expect.objectContaining({ reason: 'circuit_open', provider: 'openai' }),
    });
    expect((open as LLMError).message).toContain('openai');
    expect(chatRequests()).toBe(3);
    expect((await fixture.manager.healthCheck()).providers['openai']?.circuit_state).toBe('open');

    await clock.advance(30_000);
    const probe = await fixture.manager.chatCompletion(hello);
    expect(probe.success).toBe(true);
    expect(chatRequests()).toBe(4);
    await fixture.manager.chatCompletion(hello);
    expect(chatRequests()).toBe(5);
  });

  it('lets at most 5 + burst requests through in any second under 50 concurrent calls at 5 requests/s', async () => {
    const clock = createManualClock(Date.now());
    const burst = 2;
    fixture = await startManagerFixture({
      extraToml: `[llm.providers.openai.rate_limit]\nrequests_per_second = 5\nburst = ${burst}\nmax_wait = 600000\n`,
      manager: { clock },
    });
    const calls = Array.from({ length: 50 }, () => fixture!.manager.chatCompletion(hello));
    const arrivals: number[] = [];
    const settle = async () => {
      // Let permitted calls reach the simulator over real HTTP before time moves on.
      for (let round = 0; round < 5; round++)
        await new Promise((resolve) => setTimeout(resolve, 10));
      while (arrivals.length < chatRequests()) arrivals.push(clock.now());
    };
    const start = clock.now();
    await settle();
    while (chatRequests() < 50 && clock.now() - start < 20_000) {
      await clock.advance(200);
      await settle();
    }
    await Promise.all(calls);
    expect(arrivals).toHaveLength(50);
    for (const from of arrivals) {
      const inWindow = arrivals.filter((time) => time >= from && time < from + 1000).length;
      expect(inWindow).toBeLessThanOrEqual(5 + burst);
    }
  }, 30_000);
});

describe('an aborted call', () => {
  it("rejects with code 'aborted' and is recorded as aborted, chat and stream alike", async () => {
    fixture = await startManagerFixture();
    fixture.simulator.script({ reply: { text: 'x'.repeat(400), chunk_size: 4 }, chunkDelayMs: 20 });
    const beforeTheCall = new AbortController();
    beforeTheCall.abort();
    const chat = await fixture.manager
      .chatCompletion(hello, { signal: beforeTheCall.signal })
      .catch((error: unknown) => error);

    const midStream = new AbortController();
    let stream: unknown;
    try {
      for await (const chunk of fixture.manager.streamCompletion(hello, {
        signal: midStream.signal,
      })) {
        if (chunk.type === 'text-delta') midStream.abort();
      }
    } catch (error) {
      stream = error;
    }
    for (const failure of [chat, stream]) {
      expect(LLMError.is(failure)).toBe(true);
      expect((failure as LLMError).code).toBe('aborted');
    }
    const exported = JSON.parse(await fixture.manager.usage!.exportUsage('json')) as {
      error_type?: string;
    }[];
    expect(exported.map((record) => record.error_type)).toEqual(['aborted', 'aborted']);
  });

  it('estimates a call against a global [llm.rate_limit] tokens_per_minute and refuses one that cannot fit, sending nothing', async () => {
    fixture = await startManagerFixture({
      extraToml: '[llm.rate_limit]\ntokens_per_minute = 100\n',
    });
    const failure = await fixture.manager
      .chatCompletion({ ...hello, max_tokens: 1000 })
      .catch((error: unknown) => error);
    expect(LLMError.is(failure)).toBe(true);
    expect(failure).toMatchObject({
      type: 'rate_limit',
      details: { reason: 'local_rate_limit', kind: 'too_large' },
    });
    expect((failure as LLMError).message).toContain('100 tokens per minute');
    expect(fixture.simulator.requests).toHaveLength(0);
    const small = await fixture.manager.chatCompletion({ ...hello, max_tokens: 10 });
    expect(small.success).toBe(true);
  });
});
