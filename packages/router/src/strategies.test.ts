import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '@llm/testing';
import type { Candidate } from './resolve-candidates';
import { ROUTING_STRATEGIES } from './routing-schemas';
import { createDeploymentStats, createStrategy } from './strategies';

const candidate = (provider: string, extra: Partial<Candidate> = {}): Candidate => ({
  provider,
  model: 'gpt-4o-mini',
  id: `${provider}/gpt-4o-mini`,
  via: 'fast',
  ...extra,
});
const four = [candidate('a'), candidate('b'), candidate('c'), candidate('d')];
const names = (list: readonly Candidate[]) => list.map((c) => c.provider);

function firstPicks(
  strategyName: Parameters<typeof createStrategy>[0],
  candidates: Candidate[],
  picks: number,
) {
  const strategy = createStrategy(strategyName);
  const random = seededRandom(42);
  const stats = createDeploymentStats();
  const counts = new Map<string, number>();
  for (let i = 0; i < picks; i++) {
    const first = strategy.order(candidates, { stats }, random)[0]!.provider;
    counts.set(first, (counts.get(first) ?? 0) + 1);
  }
  return counts;
}

describe('routing strategies', () => {
  it('priority keeps config order', () => {
    expect(
      names(
        createStrategy('priority').order(four, { stats: createDeploymentStats() }, Math.random),
      ),
    ).toEqual(['a', 'b', 'c', 'd']);
  });

  it('round_robin starts each call one place further', () => {
    const strategy = createStrategy('round_robin');
    const stats = createDeploymentStats();
    const firsts = Array.from(
      { length: 6 },
      () => strategy.order(four, { stats }, Math.random)[0]!.provider,
    );
    expect(firsts).toEqual(['a', 'b', 'c', 'd', 'a', 'b']);
  });

  it('weighted 3:1 puts the heavier deployment first 75% ± 5 points of 4,000 picks', () => {
    const counts = firstPicks(
      'weighted',
      [candidate('openai', { weight: 3 }), candidate('azure', { weight: 1 })],
      4000,
    );
    const share = (counts.get('openai') ?? 0) / 4000;
    expect(share).toBeGreaterThan(0.7);
    expect(share).toBeLessThan(0.8);
  });

  it('random spreads first picks evenly over 4 deployments (25% ± 5 points of 4,000)', () => {
    const counts = firstPicks('random', four, 4000);
    for (const provider of ['a', 'b', 'c', 'd']) {
      const share = (counts.get(provider) ?? 0) / 4000;
      expect(share).toBeGreaterThan(0.2);
      expect(share).toBeLessThan(0.3);
    }
  });

  it('least_latency orders by the latency EWMA, unmeasured deployments first', () => {
    const stats = createDeploymentStats({ alpha: 0.5 });
    const [a, b, c] = four;
    for (const [deployment, latencyMs] of [
      [a!, 300],
      [b!, 100],
      [a!, 100],
    ] as const) {
      stats.started(deployment);
      stats.finished(deployment, { latencyMs });
    }
    expect(stats.latencyMs(a!)).toBe(200);
    const order = createStrategy('least_latency').order([a!, b!, c!], { stats }, Math.random);
    expect(names(order)).toEqual(['c', 'b', 'a']);
  });

  it('least_latency orders streams by time to first chunk', () => {
    const stats = createDeploymentStats();
    const [a, b] = four;
    stats.finished(a!, { latencyMs: 100, firstChunkMs: 90 });
    stats.finished(b!, { latencyMs: 500, firstChunkMs: 20 });
    const strategy = createStrategy('least_latency');
    expect(names(strategy.order([a!, b!], { stats }, Math.random))).toEqual(['a', 'b']);
    expect(names(strategy.order([a!, b!], { stats, stream: true }, Math.random))).toEqual([
      'b',
      'a',
    ]);
  });

  it('least_busy puts the deployment with the fewest in-flight calls first', () => {
    const stats = createDeploymentStats();
    const [a, b, c] = four;
    stats.started(a!);
    stats.started(a!);
    stats.started(b!);
    expect(names(createStrategy('least_busy').order([a!, b!, c!], { stats }, Math.random))).toEqual(
      ['c', 'b', 'a'],
    );
    stats.finished(a!, {});
    stats.finished(a!, {});
    expect(stats.inFlight(a!)).toBe(0);
  });

  it('cheapest orders by the injected price for the estimated tokens, unknown prices last', () => {
    const perToken: Record<string, number | undefined> = { a: 3, b: undefined, c: 1, d: 2 };
    const seen: number[] = [];
    const strategy = createStrategy('cheapest', {
      price: (deployment, tokens) => {
        seen.push(tokens);
        const price = perToken[deployment.provider];
        return price === undefined ? undefined : price * tokens;
      },
    });
    expect(
      names(
        strategy.order(
          four,
          { stats: createDeploymentStats(), estimatedTokens: 1000 },
          Math.random,
        ),
      ),
    ).toEqual(['c', 'd', 'a', 'b']);
    expect(seen.every((tokens) => tokens === 1000)).toBe(true);
  });

  it('usage_based puts the most remaining rate-limit headroom first, unknown last', () => {
    const left: Record<string, number | undefined> = { a: 10, b: 500, c: undefined, d: 80 };
    const strategy = createStrategy('usage_based', {
      headroom: (deployment) => left[deployment.provider],
    });
    expect(names(strategy.order(four, { stats: createDeploymentStats() }, Math.random))).toEqual([
      'b',
      'd',
      'a',
      'c',
    ]);
  });

  it('every strategy returns a permutation of its candidates, the same one for the same seed', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ROUTING_STRATEGIES),
        fc.array(
          fc.record({ weight: fc.integer({ min: 1, max: 9 }), price: fc.option(fc.nat(50)) }),
          { minLength: 1, maxLength: 8 },
        ),
        fc.integer(),
        (name, specs, seed) => {
          const candidates = specs.map((spec, i) => candidate(`p${i}`, { weight: spec.weight }));
          const options = {
            price: (c: Candidate) => specs[Number(c.provider.slice(1))]!.price ?? undefined,
            headroom: (c: Candidate) => specs[Number(c.provider.slice(1))]!.price ?? undefined,
          };
          const stats = createDeploymentStats();
          const once = createStrategy(name, options).order(
            candidates,
            { stats },
            seededRandom(seed),
          );
          const again = createStrategy(name, options).order(
            candidates,
            { stats },
            seededRandom(seed),
          );
          expect([...names(once)].sort()).toEqual([...names(candidates)].sort());
          expect(names(again)).toEqual(names(once));
        },
      ),
    );
  });
});
