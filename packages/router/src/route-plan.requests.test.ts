import { createManualClock } from '@llm/core';
import { describe, expect, it } from 'vitest';
import { logical, providerError, sampleCatalog } from './__tests__/routing-fixtures';
import { createRouter, type RouteEvent } from './route-plan';

const catalog = sampleCatalog([
  logical({
    name: 'fast',
    deployments: [
      { provider: 'openai', model: 'gpt-4o-mini' },
      { provider: 'azure', model: 'gpt-4o-mini' },
    ],
  }),
]);
const timeout = providerError('timeout');

describe('max_attempts counts provider requests', () => {
  it('counts the requests an attempt made on its deployment (its retries) against max_attempts', () => {
    const clock = createManualClock(1_000);
    const router = createRouter({ catalog, clock, settings: { max_attempts: 4 } });
    const routes: RouteEvent[] = [];
    router.on('route', (event) => routes.push(event));
    const plan = router.plan('fast');
    const first = plan.first();
    expect(first.done).toBe(false);
    expect(plan.requestsLeft()).toBe(4);
    const second = plan.failed(timeout, { requests: 3 });
    expect(second).toMatchObject({ done: false, attempt: 4 });
    expect(plan.requestsLeft()).toBe(1);
    const end = plan.failed(timeout);
    expect(end.done).toBe(true);
    expect(end.done && end.error.details?.['route_stop']).toBe('max_attempts');
    expect(end.done && end.error.message).toContain('after 4 attempt(s)');
    expect(routes.map((event) => event.attempt)).toEqual([1, 4]);
  });

  it('counts the requests of the attempt that answered', () => {
    const router = createRouter({ catalog, clock: createManualClock(1_000) });
    const plan = router.plan('fast');
    plan.first();
    plan.succeeded({ requests: 2 });
    expect(plan.requestsLeft()).toBe(4);
  });
});

describe('per-call overrides', () => {
  it('resolves the same overrides once and returns the frozen route again', () => {
    const router = createRouter({ catalog });
    const overrides = {
      strategy: 'round_robin' as const,
      fallbacks: ['claude/claude-haiku-4-5-20251001'],
    };
    const first = router.plan('fast', { overrides }).route;
    const again = router.plan('fast', { overrides: { ...overrides } }).route;
    expect(again).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(router.plan('fast', { overrides: { strategy: 'random' } }).route.strategy).toBe(
      'random',
    );
    expect(router.plan('fast').route.strategy).toBe('priority');
  });
});

describe('the cache of overridden routes', () => {
  it('starts over once it holds 256 override sets, and still resolves each', () => {
    const router = createRouter({ catalog });
    const first = router.plan('fast', { overrides: { fallbacks: ['azure/gpt-4o-mini'] } }).route;
    for (let i = 0; i < 256; i++)
      router.plan('fast', { overrides: { fallbacks: [`fast`, ...Array(i % 3).fill('fast')] } });
    for (let i = 0; i < 300; i++)
      router.plan('fast', { overrides: { streamRecovery: i % 2 ? 'buffer' : 'restart' } });
    const again = router.plan('fast', { overrides: { fallbacks: ['azure/gpt-4o-mini'] } }).route;
    expect(again).toEqual(first);
  });
});
