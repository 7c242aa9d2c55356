import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock, LLMError } from '@llm/core';
import type { FallbackEvent, RouteAttempt, RouteEvent } from '@llm/router';
import { startManagerFixture, type ManagerFixture } from './__tests__/manager-fixture';
import { ask, routingToml } from './__tests__/routing-config';

let fixture: ManagerFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

/** Chat requests the simulator saw for one model, by the provider's API key path: all share one. */
const requestsFor = (model: string) =>
  fixture!.simulator.requests.filter(
    (request) => (request.body as { model?: string })?.model === model,
  ).length;

describe('manager failover across deployments against the simulator', () => {
  it('serves the fallback when the primary answers 503 to every attempt; the primary saw at most 3', async () => {
    fixture = await startManagerFixture({
      extraToml: routingToml('[llm.retry]\nbase_delay = 5\nmax_delay = 20\n'),
    });
    fixture.simulator.script(
      { match: { model: 'gpt-4o' }, error: { status: 503 }, times: 3 },
      { match: { model: 'gpt-4o' }, reply: { text: 'the fallback answer', model: 'gpt-4o' } },
    );
    const routes: RouteEvent[] = [];
    const fallbacks: FallbackEvent[] = [];
    fixture.manager.on('route', (event) => routes.push(event));
    fixture.manager.on('fallback', (event) => fallbacks.push(event));
    const response = await fixture.manager.chatCompletion(ask('smart'));
    expect(response.content).toBe('the fallback answer');
    expect(response.metadata.provider_name).toBe('backup');
    expect(response.model).toBe('gpt-4o');
    expect(fixture.simulator.requests).toHaveLength(4);
    const primaryAttempt = expect.objectContaining({
      provider: 'openai',
      model: 'gpt-4o',
      outcome: 'server_error',
      status: 503,
    });
    expect(response.metadata.attempts).toEqual([
      primaryAttempt,
      primaryAttempt,
      primaryAttempt,
      expect.objectContaining({ provider: 'backup', model: 'gpt-4o', outcome: 'success' }),
    ]);
    expect(response.metadata.attempt_count).toBe(4);
    expect(routes.map((event) => [event.deployment.provider, event.reason])).toEqual([
      ['openai', 'first'],
      ['backup', 'fallback'],
    ]);
    expect(fallbacks).toEqual([
      expect.objectContaining({
        from: 'openai/gpt-4o',
        to: 'backup/gpt-4o',
        errorType: 'server_error',
      }),
    ]);
    const records = JSON.parse(await fixture.manager.usage!.exportUsage('json')) as {
      provider_name: string;
      model_name: string;
      success: boolean;
      attempts?: number;
      call_id: string;
      attempt: number;
      final: boolean;
    }[];
    expect(records.map((record) => [record.provider_name, record.attempt, record.final])).toEqual([
      ['openai', 1, false],
      ['openai', 2, false],
      ['openai', 3, false],
      ['backup', 4, true],
    ]);
    expect(new Set(records.map((record) => record.call_id))).toEqual(
      new Set([response.metadata.call_id]),
    );
    expect(records[3]).toMatchObject({
      provider_name: 'backup',
      model_name: 'gpt-4o',
      success: true,
      attempts: 4,
    });
  });

  it('moves on at once from a primary that never answers: within its timeout plus one fallback call', async () => {
    fixture = await startManagerFixture({
      extraToml: routingToml('[llm.providers.openai.timeouts]\nrequest = 300\n'),
    });
    fixture.simulator.script({ match: { model: 'gpt-4o' }, fault: 'hang' });
    const started = Date.now();
    const response = await fixture.manager.chatCompletion(ask('smart'));
    expect(Date.now() - started).toBeLessThan(300 + 1_500);
    expect(response.metadata.provider_name).toBe('backup');
    expect(response.metadata.attempts?.map((attempt) => attempt.outcome)).toEqual([
      'timeout',
      'success',
    ]);
    expect(requestsFor('gpt-4o')).toBe(2);
  });

  it('sends a context-length 400 once to the primary, then to the context-window fallback', async () => {
    fixture = await startManagerFixture({ extraToml: routingToml() });
    fixture.simulator.script({
      match: { model: 'gpt-4o' },
      error: {
        status: 400,
        code: 'context_length_exceeded',
        message: "This model's maximum context length is 128000 tokens.",
      },
    });
    const response = await fixture.manager.chatCompletion(ask('smart'));
    expect(response.model).toBe('gpt-4.1');
    expect(response.metadata.provider_name).toBe('backup');
    expect(response.metadata.attempts?.map((a) => [a.provider, a.model, a.outcome])).toEqual([
      ['openai', 'gpt-4o', 'token_limit'],
      ['backup', 'gpt-4.1', 'success'],
    ]);
    expect(requestsFor('gpt-4o')).toBe(1);
  });

  it('stops at a content-filter 400: one attempt, no fallback, the reason in the error', async () => {
    fixture = await startManagerFixture({ extraToml: routingToml() });
    fixture.simulator.script({
      match: { model: 'gpt-4o' },
      error: { status: 400, code: 'content_filter', message: 'The prompt was filtered.' },
      times: 5,
    });
    const failure = await fixture.manager
      .chatCompletion(ask('smart'))
      .catch((error: unknown) => error);
    expect(LLMError.is(failure)).toBe(true);
    expect(failure).toMatchObject({
      type: 'invalid_request',
      details: expect.objectContaining({ reason: 'content_filter', route_stop: 'content_filter' }),
    });
    expect(fixture.simulator.requests).toHaveLength(1);
  });

  it('tries every enabled provider listing a plain model name, in config order', async () => {
    fixture = await startManagerFixture({ extraToml: routingToml() });
    fixture.simulator.script({ match: { model: 'gpt-4o-mini' }, error: { status: 401 } });
    const response = await fixture.manager.chatCompletion(ask('gpt-4o-mini'));
    expect(response.metadata.attempts?.map((a) => [a.provider, a.outcome])).toEqual([
      ['openai', 'auth'],
      ['backup', 'success'],
    ]);
  });

  it('takes per-call fallbacks and strategy over the config', async () => {
    fixture = await startManagerFixture({ extraToml: routingToml() });
    fixture.simulator.script({ match: { model: 'gpt-4o' }, error: { status: 404 }, times: 5 });
    const response = await fixture.manager.chatCompletion(ask('smart'), {
      fallbacks: ['openai/o3-mini'],
      strategy: 'priority',
    });
    expect(response.model).toBe('o3-mini');
    expect(response.metadata.attempts?.map((a) => [a.provider, a.model, a.outcome])).toEqual([
      ['openai', 'gpt-4o', 'model_not_found'],
      ['openai', 'o3-mini', 'success'],
    ]);
  });

  it('ends with an error carrying every attempt when every deployment fails', async () => {
    fixture = await startManagerFixture({ extraToml: routingToml() });
    fixture.simulator.script({ match: { model: 'gpt-4o' }, error: { status: 401 }, times: 5 });
    const failure = await fixture.manager
      .chatCompletion(ask('smart'))
      .catch((error: unknown) => error);
    expect(LLMError.is(failure)).toBe(true);
    // The router's attempts carry the deployment besides core's attempt fields.
    const attempts = (failure as LLMError).attempts as unknown as readonly (RouteAttempt & {
      type: string;
    })[];
    expect(attempts.map((a) => [a.provider, a.model, a.type])).toEqual([
      ['openai', 'gpt-4o', 'auth'],
      ['backup', 'gpt-4o', 'auth'],
    ]);
    expect((failure as LLMError).details).toMatchObject({ route_stop: 'exhausted' });
    const records = JSON.parse(await fixture.manager.usage!.exportUsage('json')) as {
      provider_name: string;
      success: boolean;
      final: boolean;
      outcome: string;
    }[];
    expect(records).toEqual([
      expect.objectContaining({ provider_name: 'openai', final: false, outcome: 'auth' }),
      expect.objectContaining({ provider_name: 'backup', success: false, final: true }),
    ]);
  });

  it('keeps a breaker per deployment: one model timing out does not block another model of its provider', async () => {
    fixture = await startManagerFixture({
      extraToml: routingToml(
        '[llm.providers.openai.timeouts]\nrequest = 100\n\n[llm.circuit_breaker]\nfailure_threshold = 2\ncooldown = 60000\n',
      ),
    });
    fixture.simulator.script({ match: { model: 'gpt-4o' }, fault: 'hang', times: 2 });
    for (let call = 0; call < 2; call++)
      await expect(
        fixture.manager.chatCompletion({ ...ask('gpt-4o'), provider: 'openai' }),
      ).rejects.toMatchObject({ type: 'timeout' });
    const refused = await fixture.manager
      .chatCompletion({ ...ask('gpt-4o'), provider: 'openai' })
      .catch((error: unknown) => error);
    expect(refused).toMatchObject({ details: expect.objectContaining({ reason: 'circuit_open' }) });
    expect(requestsFor('gpt-4o')).toBe(2);

    const sibling = await fixture.manager.chatCompletion({
      ...ask('gpt-4o-mini'),
      provider: 'openai',
    });
    expect(sibling.metadata.provider_name).toBe('openai');
    expect(sibling.success).toBe(true);

    // The router skips the open deployment while another is available.
    const routes: RouteEvent[] = [];
    fixture.manager.on('route', (event) => routes.push(event));
    const routed = await fixture.manager.chatCompletion(ask('smart'));
    expect(routed.metadata.provider_name).toBe('backup');
    expect(routes.map((event) => [event.deployment.provider, event.reason])).toEqual([
      ['backup', 'first'],
    ]);
    expect(requestsFor('gpt-4o')).toBe(3);
  });

  it('serves a minute-long outage from the fallback, probes once per cooldown, returns after recovery', async () => {
    const clock = createManualClock(Date.now());
    fixture = await startManagerFixture({
      extraToml: routingToml(
        [
          '[llm.retry]\nmax_attempts = 1\n',
          '[llm.circuit_breaker]\nfailure_threshold = 2\ncooldown = 10000\nhalf_open_max_calls = 1\n',
          '[llm.models.flaky]\ndeployments = [{ provider = "openai", model = "gpt-4o" }]',
          'fallbacks = ["backup/gpt-4.1"]\n',
        ].join('\n'),
      ),
      manager: { clock },
    });
    const simulator = fixture.simulator;
    const outageEndsAt = clock.now() + 60_000;
    let primaryDuringOutage = 0;
    const servedBy: { at: number; provider: string }[] = [];
    for (let request = 0; request < 20; request++) {
      const down = clock.now() < outageEndsAt;
      if (down && simulator.pendingSteps() === 0)
        simulator.script({ match: { model: 'gpt-4o' }, error: { status: 503 }, times: 1 });
      if (!down && simulator.pendingSteps() > 0) simulator.reset();
      const before = requestsFor('gpt-4o');
      const response = await fixture.manager.chatCompletion(ask('flaky'));
      if (down) primaryDuringOutage += requestsFor('gpt-4o') - before;
      servedBy.push({ at: clock.now(), provider: response.metadata.provider_name });
      await clock.advance(4_000);
    }
    const outage = servedBy.filter((served) => served.at < outageEndsAt);
    expect(outage.every((served) => served.provider === 'backup')).toBe(true);
    // Two failures open the circuit; then at most one probe per 10 s cooldown within the minute.
    expect(primaryDuringOutage).toBeLessThanOrEqual(2 + 6);
    const recovered = servedBy.filter((served) => served.at >= outageEndsAt + 10_000);
    expect(recovered.length).toBeGreaterThan(0);
    expect(recovered.every((served) => served.provider === 'openai')).toBe(true);
  });

  it('ends a call at its routing deadline, whatever the attempt in progress', async () => {
    const clock = createManualClock(Date.now());
    fixture = await startManagerFixture({
      extraToml: routingToml('[llm.routing]\ndeadline = 1000\n'),
      manager: { clock },
    });
    fixture.simulator.script({ match: { model: 'gpt-4o' }, fault: 'hang' });
    const call = fixture.manager.chatCompletion(ask('smart')).catch((error: unknown) => error);
    while (requestsFor('gpt-4o') < 1) await new Promise((resolve) => setTimeout(resolve, 5));
    const started = Date.now();
    await clock.advance(1_000);
    const failure = await call;
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(LLMError.is(failure)).toBe(true);
    expect(failure).toMatchObject({
      type: 'timeout',
      details: expect.objectContaining({ reason: 'deadline', route_stop: 'deadline' }),
    });
    expect(requestsFor('gpt-4o')).toBe(1);
  });
});
