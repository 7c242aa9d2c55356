import { createManualClock } from '@llm/core';
import { describe, expect, it } from 'vitest';
import { drivePlan } from './__tests__/drive-plan';
import { logical, sampleCatalog } from './__tests__/routing-fixtures';
import { comparedDeployments } from './resolve-candidates';
import { createRouter, type RouteEvent } from './route-plan';

const cheap = logical({
  name: 'cheap',
  deployments: [
    { provider: 'claude', model: 'claude-haiku-4-5-20251001' },
    { provider: 'openai', model: 'gpt-4.1' },
    { provider: 'offline', model: 'gpt-4o-mini' },
  ],
});
const alone = logical({
  name: 'alone',
  deployments: [
    { provider: 'openai', model: 'gpt-4o' },
    { provider: 'offline', model: 'gpt-4o-mini' },
  ],
});

describe('the deployments a strategy compares', () => {
  it("are a logical model's enabled deployments and the providers sharing a plain name, when more than one", () => {
    expect([...comparedDeployments(sampleCatalog([cheap, alone]))].sort()).toEqual([
      'azure/gpt-4o-mini',
      'claude/claude-haiku-4-5-20251001',
      'openai/gpt-4.1',
      'openai/gpt-4o-mini',
    ]);
  });
});

describe('router stats with measure: compared', () => {
  it('measures a deployment some strategy compares, and skips a lone one nobody orders', async () => {
    const clock = createManualClock();
    const router = createRouter({ catalog: sampleCatalog(), clock, measure: 'compared' });
    const shared = router.plan('openai/gpt-4o-mini');
    const sharedStep = shared.first();
    const lone = router.plan('openai/gpt-4o');
    const loneStep = lone.first();
    if (sharedStep.done || loneStep.done) throw new Error('both plans have a first step');
    expect(router.stats.inFlight(sharedStep.candidate)).toBe(1);
    expect(router.stats.inFlight(loneStep.candidate)).toBe(0);
    await clock.advance(120);
    shared.succeeded();
    lone.succeeded();
    expect(router.stats.latencyMs(sharedStep.candidate)).toBe(120);
    expect(router.stats.latencyMs(loneStep.candidate)).toBeUndefined();
  });

  it('measures every deployment by default and whenever the caller gives its own stats', async () => {
    const clock = createManualClock();
    for (const router of [
      createRouter({ catalog: sampleCatalog(), clock }),
      createRouter({
        catalog: sampleCatalog(),
        clock,
        measure: 'compared',
        stats: createRouter({ catalog: sampleCatalog() }).stats,
      }),
    ]) {
      const plan = router.plan('openai/gpt-4o');
      const step = plan.first();
      if (step.done) throw new Error('the plan has a first step');
      await clock.advance(50);
      plan.succeeded();
      expect(router.stats.latencyMs(step.candidate)).toBe(50);
    }
  });
});

describe('planning a resolved route', () => {
  it('plans a route `resolve` returned exactly as the name it came from', async () => {
    const clock = createManualClock();
    const router = createRouter({ catalog: sampleCatalog([cheap]), clock });
    const events: RouteEvent[] = [];
    router.on('route', (event) => events.push(event));
    const route = router.resolve('cheap');
    expect(route.groups[0]?.candidates.map((candidate) => candidate.id)).toEqual([
      'claude/claude-haiku-4-5-20251001',
      'openai/gpt-4.1',
    ]);
    const byRoute = await drivePlan(router.plan(route, { callId: 'a' }), clock, () => ({
      ok: true,
    }));
    const byName = await drivePlan(router.plan('cheap', { callId: 'b' }), clock, () => ({
      ok: true,
    }));
    expect(byRoute.steps.map((step) => step.candidate.id)).toEqual(
      byName.steps.map((step) => step.candidate.id),
    );
    expect(events.map((event) => [event.callId, event.strategy, event.reason])).toEqual([
      ['a', 'priority', 'first'],
      ['b', 'priority', 'first'],
    ]);
  });

  it("gives each step its group's strategy, and builds no route event once nobody subscribes", () => {
    const router = createRouter({
      catalog: sampleCatalog([logical({ ...cheap, strategy: 'weighted' })]),
    });
    const seen: RouteEvent[] = [];
    const unsubscribe = router.on('route', (event) => seen.push(event));
    unsubscribe();
    unsubscribe();
    const step = router.plan('cheap').first();
    expect(step.done ? undefined : step.strategy).toBe('weighted');
    expect(seen).toEqual([]);
  });
});
