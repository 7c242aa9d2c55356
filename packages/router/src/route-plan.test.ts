import { createManualClock, LLMError } from '@llm/core';
import { describe, expect, it } from 'vitest';
import { drivePlan } from './__tests__/drive-plan';
import { seededRandom } from '@llm/testing';
import { logical, providerError, sampleCatalog } from './__tests__/routing-fixtures';
import { createKeyPool } from './key-pool';
import {
  createRouter,
  type DeploymentStatus,
  type FallbackEvent,
  type RouteEvent,
} from './route-plan';

const fast = logical({
  name: 'fast',
  deployments: [
    { provider: 'openai', model: 'gpt-4o-mini' },
    { provider: 'azure', model: 'gpt-4o-mini' },
  ],
  fallbacks: ['claude/claude-haiku-4-5-20251001'],
  context_window_fallbacks: ['gpt-4.1'],
});
const catalog = sampleCatalog([fast]);
const unavailable = providerError('server_error', { statusCode: 503 });

function setup(options: Partial<Parameters<typeof createRouter>[0]> = {}) {
  const clock = createManualClock(1_000_000);
  const router = createRouter({ catalog, clock, random: () => 0.5, ...options });
  const routes: RouteEvent[] = [];
  const fallbacks: FallbackEvent[] = [];
  router.on('route', (event) => routes.push(event));
  router.on('fallback', (event) => fallbacks.push(event));
  return { clock, router, routes, fallbacks };
}

describe('route plan', () => {
  it('serves from the next deployment when the primary answers 503 every time, with at most 3 primary attempts', async () => {
    const { clock, router, routes, fallbacks } = setup();
    const plan = router.plan('fast', { callId: 'c1' });
    const result = await drivePlan(plan, clock, (step) =>
      step.candidate.provider === 'openai' ? { error: unavailable } : { ok: true },
    );
    expect(result.answeredBy).toBe('azure/gpt-4o-mini');
    expect(result.steps.filter((step) => step.candidate.provider === 'openai')).toHaveLength(3);
    expect(plan.attempts.map((a) => [a.provider, a.outcome, a.status])).toEqual([
      ['openai', 'server_error', 503],
      ['openai', 'server_error', 503],
      ['openai', 'server_error', 503],
      ['azure', 'success', undefined],
    ]);
    expect(plan.attempts.every((a) => a.duration_ms === 100)).toBe(true);
    expect(
      routes.map((e) => [e.callId, e.attempt, e.deployment.provider, e.strategy, e.reason]),
    ).toEqual([
      ['c1', 1, 'openai', 'priority', 'first'],
      ['c1', 2, 'openai', 'priority', 'retry'],
      ['c1', 3, 'openai', 'priority', 'retry'],
      ['c1', 4, 'azure', 'priority', 'fallback'],
    ]);
    expect(fallbacks).toEqual([
      {
        callId: 'c1',
        from: 'openai/gpt-4o-mini',
        to: 'azure/gpt-4o-mini',
        errorType: 'server_error',
      },
    ]);
  });

  it('gives the fallback events of a plan the origin it was given, and none without one', async () => {
    const { clock, router, fallbacks } = setup();
    const origin = { call: 'mine' };
    const failOpenAI = (step: { candidate: { provider: string } }) =>
      step.candidate.provider === 'openai' ? { error: unavailable } : { ok: true as const };
    await drivePlan(router.plan('fast', { callId: 'c1', origin }), clock, failOpenAI);
    await drivePlan(router.plan('fast', { callId: 'c2' }), clock, failOpenAI);
    expect(fallbacks.map((event) => [event.callId, event.origin])).toEqual([
      ['c1', origin],
      ['c2', undefined],
    ]);
    expect(fallbacks[0]?.origin).toBe(origin);
    expect(fallbacks[1]).not.toHaveProperty('origin');
  });

  it('waits so that no deployment sees more than 2 attempts in its first 1.5 s', async () => {
    const { clock, router } = setup();
    const starts: number[] = [];
    await drivePlan(router.plan('fast'), clock, (step) => {
      if (step.candidate.provider === 'openai') starts.push(clock.now());
      return step.candidate.provider === 'openai' ? { error: unavailable, ms: 10 } : { ok: true };
    });
    expect(starts.filter((start) => start < starts[0]! + 1_500)).toHaveLength(2);
  });

  it('moves on at once from a silent deployment: one attempt, no delay', async () => {
    const { clock, router } = setup();
    const result = await drivePlan(router.plan('fast'), clock, (step) =>
      step.candidate.provider === 'openai'
        ? {
            error: providerError('timeout', { details: { reason: 'request_timeout' } }),
            ms: 30_000,
          }
        : { ok: true },
    );
    expect(result.steps.map((s) => [s.candidate.provider, s.delayMs])).toEqual([
      ['openai', 0],
      ['azure', 0],
    ]);
  });

  it('stops after max_attempts and the final error carries every attempt', async () => {
    const { clock, router } = setup({ settings: { max_attempts: 4 } });
    const result = await drivePlan(router.plan('fast'), clock, () => ({ error: unavailable }));
    expect(result.steps).toHaveLength(4);
    expect(LLMError.is(result.error)).toBe(true);
    expect(result.error?.details?.['route_stop']).toBe('max_attempts');
    expect(result.error?.message).toContain(
      'routing stopped after 4 attempt(s): max_attempts reached',
    );
    expect(result.error?.attempts?.map((a) => [a.attempt, a.type, a.statusCode])).toEqual([
      [1, 'server_error', 503],
      [2, 'server_error', 503],
      [3, 'server_error', 503],
      [4, 'server_error', 503],
    ]);
    expect(result.error?.attempts?.[0]?.message).toBe('server_error from the provider');
    expect(result.error?.attempts?.[3]).toMatchObject({
      provider: 'azure',
      model: 'gpt-4o-mini',
      outcome: 'server_error',
      duration_ms: 100,
      status: 503,
    });
  });

  it('stops at the deadline on the injected clock, whatever retries remain', async () => {
    const { clock, router } = setup({ settings: { deadline: 5_000 } });
    const plan = router.plan('fast');
    const result = await drivePlan(plan, clock, () => ({ error: unavailable, ms: 2_000 }));
    expect(result.error?.details?.['route_stop']).toBe('deadline');
    expect(result.steps).toHaveLength(3);
    expect(plan.remainingMs()).toBe(0);
  });

  it('skips a retry whose delay would cross the deadline and moves on instead', async () => {
    const { clock, router } = setup({ settings: { deadline: 10_000 } });
    const result = await drivePlan(router.plan('fast'), clock, (step) =>
      step.candidate.provider === 'openai'
        ? { error: providerError('rate_limit', { statusCode: 429, retryAfterMs: 30_000 }) }
        : { ok: true },
    );
    expect(result.steps.map((s) => [s.candidate.provider, s.reason])).toEqual([
      ['openai', 'first'],
      ['azure', 'fallback'],
    ]);
  });

  it('ends with every candidate tried when all fail', async () => {
    const { clock, router } = setup({ settings: { max_attempts: 20 } });
    const result = await drivePlan(router.plan('fast'), clock, () => ({
      error: providerError('invalid_request', { statusCode: 400 }),
    }));
    expect(result.steps.map((s) => s.candidate.id)).toEqual([
      'openai/gpt-4o-mini',
      'azure/gpt-4o-mini',
      'claude/claude-haiku-4-5-20251001',
    ]);
    expect(result.error?.details?.['route_stop']).toBe('exhausted');
  });

  it('stops on a content filter after one attempt, keeping the reason and categories', async () => {
    const { clock, router, fallbacks } = setup();
    const filtered = providerError('invalid_request', {
      statusCode: 400,
      message: 'blocked',
      details: { reason: 'content_filter', categories: ['violence'] },
    });
    const result = await drivePlan(router.plan('fast'), clock, () => ({ error: filtered }));
    expect(result.steps).toHaveLength(1);
    expect(fallbacks).toEqual([]);
    expect(result.error).toMatchObject({
      message: 'blocked',
      details: { reason: 'content_filter', categories: ['violence'], route_stop: 'content_filter' },
    });
  });

  it('sends a prompt too long for the primary to context_window_fallbacks after one attempt', async () => {
    const { clock, router, routes } = setup();
    const result = await drivePlan(router.plan('fast', { promptTokens: 150_000 }), clock, (step) =>
      step.candidate.model === 'gpt-4o-mini'
        ? { error: providerError('token_limit', { statusCode: 400 }) }
        : { ok: true },
    );
    expect(result.steps.map((s) => s.candidate.id)).toEqual([
      'openai/gpt-4o-mini',
      'openai/gpt-4.1',
    ]);
    expect(routes[1]?.reason).toBe('context_fallback');
  });

  it('after token_limit tries candidates whose window fits, then unknown windows, never the same model', async () => {
    const wide = logical({
      name: 'wide',
      deployments: [
        { provider: 'openai', model: 'gpt-4o' },
        { provider: 'azure', model: 'gpt-4o-mini' },
        { provider: 'openai', model: 'gpt-4o-mini' },
        { provider: 'claude', model: 'claude-haiku-4-5-20251001' },
      ],
    });
    const { clock } = setup();
    const router = createRouter({ catalog: sampleCatalog([wide]), clock });
    const result = await drivePlan(router.plan('wide', { promptTokens: 150_000 }), clock, () => ({
      error: providerError('token_limit'),
    }));
    // gpt-4o (128k) refused; claude (200k) fits; azure's window is unknown; openai's mini (128k) does not fit.
    expect(result.steps.map((s) => s.candidate.id)).toEqual([
      'openai/gpt-4o',
      'claude/claude-haiku-4-5-20251001',
      'azure/gpt-4o-mini',
    ]);
    expect(result.error?.details?.['route_stop']).toBe('no_candidate_fits');
  });

  it('stops after token_limit when nothing else could fit', async () => {
    const { clock } = setup();
    const router = createRouter({ catalog: sampleCatalog(), clock });
    const result = await drivePlan(router.plan('openai/gpt-4o'), clock, () => ({
      error: providerError('token_limit'),
    }));
    expect(result.steps).toHaveLength(1);
    expect(result.error).toMatchObject({
      type: 'token_limit',
      details: { route_stop: 'no_candidate_fits' },
    });
  });

  it('skips unhealthy deployments while others are available and returns to the primary once healthy', async () => {
    const status = new Map<string, DeploymentStatus>([
      ['openai/gpt-4o-mini', 'circuit_open'],
      ['azure/gpt-4o-mini', 'cooling_down'],
    ]);
    const { clock, router } = setup({ health: { status: (c) => status.get(c.id) ?? 'healthy' } });
    const during = await drivePlan(router.plan('fast'), clock, () => ({ ok: true }));
    expect(during.answeredBy).toBe('claude/claude-haiku-4-5-20251001');
    status.set('openai/gpt-4o-mini', 'healthy');
    const after = await drivePlan(router.plan('fast'), clock, () => ({ ok: true }));
    expect(after.answeredBy).toBe('openai/gpt-4o-mini');
  });

  it('still tries unhealthy deployments when no healthy one is left', async () => {
    const { clock, router } = setup({ health: { status: () => 'unhealthy' } });
    const result = await drivePlan(router.plan('fast'), clock, () => ({ ok: true }));
    expect(result.answeredBy).toBe('openai/gpt-4o-mini');
  });

  it('sends a lone deployment without ordering it or asking its health, as any strategy would', async () => {
    const asked: string[] = [];
    const draws: number[] = [];
    const { clock, router } = setup({
      health: { status: (candidate) => (asked.push(candidate.id), 'unhealthy') },
      random: () => (draws.push(1), 0.5),
    });
    for (const strategy of ['priority', 'weighted', 'random', 'least_latency'] as const) {
      const plan = router.plan('claude-haiku-4-5-20251001', { overrides: { strategy } });
      expect(plan.candidates.map((candidate) => candidate.id)).toEqual([
        'claude/claude-haiku-4-5-20251001',
      ]);
      const result = await drivePlan(plan, clock, () => ({ ok: true }));
      expect(result.answeredBy).toBe('claude/claude-haiku-4-5-20251001');
    }
    expect(asked).toEqual([]);
    expect(draws).toEqual([]);
    // Two deployments are ordered and their health is read.
    await drivePlan(router.plan('gpt-4o-mini'), clock, () => ({ ok: true }));
    expect(asked.length).toBeGreaterThan(0);
  });
  it('retries the same deployment at once with the next key after a 401 and benches the bad key', async () => {
    const clock = createManualClock();
    const keys = createKeyPool({
      keys: { openai: ['sk-bad-key-111111', 'sk-good-key-22222'] },
      clock,
    });
    const { router, routes } = setup({ clock, keys });
    const result = await drivePlan(router.plan('fast'), clock, (step) =>
      step.key?.apiKey === 'sk-bad-key-111111'
        ? { error: providerError('auth', { statusCode: 401 }) }
        : { ok: true },
    );
    expect(result.steps.map((s) => [s.candidate.id, s.reason, s.delayMs])).toEqual([
      ['openai/gpt-4o-mini', 'first', 0],
      ['openai/gpt-4o-mini', 'key_rotation', 0],
    ]);
    expect(keys.available('openai')).toBe(1);
    const output = JSON.stringify({ routes, attempts: router.plan('fast').attempts });
    expect(output).not.toContain('sk-bad');
    expect(output).not.toContain('sk-good');
    // Benched for the cooldown: the next calls use the good key only, then both again.
    const next = await drivePlan(router.plan('fast'), clock, () => ({ ok: true }));
    expect(next.steps[0]?.key?.apiKey).toBe('sk-good-key-22222');
    await clock.advance(60_000);
    expect(keys.available('openai')).toBe(2);
  });

  it('never lets a key into the final error', async () => {
    const clock = createManualClock();
    const keys = createKeyPool({ keys: { openai: ['sk-only-key-3333'] }, clock });
    const { router } = setup({ clock, keys, settings: { max_attempts: 1 } });
    const result = await drivePlan(router.plan('fast'), clock, () => ({
      error: providerError('auth', { statusCode: 401 }),
    }));
    expect(JSON.stringify(result.error)).not.toContain('sk-only');
    expect(result.error?.attempts?.[0]).toMatchObject({ key: expect.stringMatching(/^key-/) });
  });

  it('records latency and in-flight counts for the strategies', async () => {
    const { clock, router } = setup();
    const plan = router.plan('openai/gpt-4o');
    const step = plan.first();
    expect(step.done).toBe(false);
    if (step.done) return;
    expect(router.stats.inFlight(step.candidate)).toBe(1);
    await clock.advance(250);
    plan.succeeded({ firstChunkMs: 40 });
    expect(router.stats.inFlight(step.candidate)).toBe(0);
    expect(router.stats.latencyMs(step.candidate)).toBe(250);
    expect(router.stats.firstChunkMs(step.candidate)).toBe(40);
  });

  it('refuses to be driven out of order with a typed error', () => {
    const { router } = setup();
    const plan = router.plan('fast');
    expect(() => plan.failed(unavailable)).toThrow(LLMError);
    plan.first();
    expect(() => plan.first()).toThrow(/already called/);
    plan.succeeded();
    expect(() => plan.first()).toThrow(/already called/);
    expect(() => plan.succeeded()).toThrow(LLMError);
  });

  it('routes weighted 3:1 calls 75% ± 5 points to the heavier deployment over 4,000 plans', () => {
    const weighted = logical({
      name: 'fast',
      strategy: 'weighted',
      deployments: [
        { provider: 'openai', model: 'gpt-4o-mini', weight: 3 },
        { provider: 'azure', model: 'gpt-4o-mini', weight: 1 },
      ],
    });
    const router = createRouter({
      catalog: sampleCatalog([weighted]),
      random: seededRandom(7),
      clock: createManualClock(),
    });
    let openai = 0;
    for (let i = 0; i < 4000; i++) {
      const plan = router.plan('fast');
      const step = plan.first();
      if (!step.done && step.candidate.provider === 'openai') openai++;
      plan.succeeded();
    }
    expect(openai / 4000).toBeGreaterThan(0.7);
    expect(openai / 4000).toBeLessThan(0.8);
  });

  it("lets the call's explicit retry settings win over the deployment's", async () => {
    const { clock, router } = setup({ retry: () => ({ max_retries: 5 }) });
    const deployment = await drivePlan(router.plan('fast', { callId: 'a' }), clock, (step) =>
      step.candidate.provider === 'openai' ? { error: unavailable } : { ok: true },
    );
    expect(deployment.steps.filter((s) => s.candidate.provider === 'openai')).toHaveLength(6);
    const explicit = await drivePlan(
      router.plan('fast', { callId: 'b', retry: { max_retries: 0 } }),
      clock,
      (step) => (step.candidate.provider === 'openai' ? { error: unavailable } : { ok: true }),
    );
    expect(explicit.steps.map((s) => s.candidate.provider)).toEqual(['openai', 'azure']);
  });

  it('keeps routing when a listener throws, and stops telling a listener that unsubscribed', async () => {
    const { clock, router, routes } = setup();
    router.on('route', () => {
      throw new Error('observer bug');
    });
    const seen: number[] = [];
    const unsubscribe = router.on('route', (event) => seen.push(event.attempt));
    await drivePlan(router.plan('fast'), clock, () => ({ ok: true }));
    unsubscribe();
    await drivePlan(router.plan('fast'), clock, () => ({ ok: true }));
    expect(routes).toHaveLength(2);
    expect(seen).toEqual([1]);
  });

  it('gives each call its own id unless the caller names it', () => {
    const { router } = setup();
    expect([router.plan('fast').callId, router.plan('fast').callId]).toEqual(['call-1', 'call-2']);
    expect(router.plan('fast', { callId: 'mine' }).callId).toBe('mine');
  });

  it("names each attempt's own group strategy in its route event", async () => {
    const weighted = logical({ ...fast, strategy: 'weighted' });
    const clock = createManualClock();
    const router = createRouter({ catalog: sampleCatalog([weighted]), clock, random: () => 0.1 });
    const strategies: string[] = [];
    router.on('route', (event) =>
      strategies.push(`${event.deployment.provider}:${event.strategy}`),
    );
    await drivePlan(router.plan('fast'), clock, (step) =>
      step.candidate.provider === 'claude'
        ? { ok: true }
        : { error: providerError('auth', { statusCode: 401 }) },
    );
    expect(strategies).toEqual(['openai:weighted', 'azure:weighted', 'claude:priority']);
  });
});
