import { LLMError } from '@llm/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { logical, sampleCatalog } from './__tests__/routing-fixtures';
import { resolveCandidates } from './resolve-candidates';

const ids = (route: ReturnType<typeof resolveCandidates>) =>
  route.groups.flatMap((group) => group.candidates.map((candidate) => candidate.id));

describe('resolveCandidates', () => {
  it('resolves a logical model to its deployments, then its fallbacks in order', () => {
    const fast = logical({
      name: 'fast',
      strategy: 'weighted',
      deployments: [
        { provider: 'openai', model: 'gpt-4o-mini', weight: 3 },
        { provider: 'azure', model: 'gpt-4o-mini', weight: 1 },
      ],
      fallbacks: ['claude/claude-haiku-4-5-20251001'],
    });
    const route = resolveCandidates('fast', sampleCatalog([fast]));
    expect(ids(route)).toEqual([
      'openai/gpt-4o-mini',
      'azure/gpt-4o-mini',
      'claude/claude-haiku-4-5-20251001',
    ]);
    expect(route.strategy).toBe('weighted');
    expect(route.groups[0]?.candidates[0]?.weight).toBe(3);
    expect(route.groups[1]?.name).toBe('claude/claude-haiku-4-5-20251001');
  });

  it('resolves a provider/model pair to that one deployment', () => {
    expect(ids(resolveCandidates('azure/gpt-4o-mini', sampleCatalog()))).toEqual([
      'azure/gpt-4o-mini',
    ]);
  });

  it('resolves a plain model name to every enabled provider listing it, in config order', () => {
    const route = resolveCandidates('gpt-4o-mini', sampleCatalog());
    expect(ids(route)).toEqual(['openai/gpt-4o-mini', 'azure/gpt-4o-mini']);
  });

  it('matches a plain name against a model_id and routes to the listed name', () => {
    expect(ids(resolveCandidates('mini-deployment', sampleCatalog()))).toEqual([
      'azure/gpt-4o-mini',
    ]);
  });

  it('follows fallbacks recursively without cycles or duplicates', () => {
    const a = logical({
      name: 'a',
      deployments: [{ provider: 'openai', model: 'gpt-4o' }],
      fallbacks: ['b'],
    });
    const b = logical({
      name: 'b',
      deployments: [
        { provider: 'openai', model: 'gpt-4o' },
        { provider: 'claude', model: 'claude-haiku-4-5-20251001' },
      ],
      fallbacks: ['a', 'gpt-4o-mini'],
    });
    expect(ids(resolveCandidates('a', sampleCatalog([a, b])))).toEqual([
      'openai/gpt-4o',
      'claude/claude-haiku-4-5-20251001',
      'openai/gpt-4o-mini',
      'azure/gpt-4o-mini',
    ]);
  });

  it('never loops and never repeats a deployment, whatever the fallback graph', () => {
    const names = ['m0', 'm1', 'm2', 'm3'];
    const targets = [...names, 'gpt-4o', 'gpt-4o-mini', 'claude/claude-haiku-4-5-20251001'];
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.constantFrom(...targets), { maxLength: 5 }), {
          minLength: 4,
          maxLength: 4,
        }),
        fc.constantFrom(...names),
        (fallbacks, start) => {
          const models = names.map((name, i) =>
            logical({
              name,
              deployments: [{ provider: 'openai', model: 'gpt-4.1' }],
              fallbacks: fallbacks[i]!,
            }),
          );
          const resolved = ids(resolveCandidates(start, sampleCatalog(models)));
          expect(new Set(resolved).size).toBe(resolved.length);
          expect(resolved[0]).toBe('openai/gpt-4.1');
        },
      ),
    );
  });

  it('applies per-call overrides of fallbacks, strategy and stream recovery', () => {
    const fast = logical({
      name: 'fast',
      deployments: [{ provider: 'openai', model: 'gpt-4o-mini' }],
      fallbacks: ['claude/claude-haiku-4-5-20251001'],
      stream_recovery: 'buffer',
    });
    const catalog = sampleCatalog([fast]);
    expect(resolveCandidates('fast', catalog).streamRecovery).toBe('buffer');
    const route = resolveCandidates('fast', catalog, {
      fallbacks: ['openai/gpt-4.1'],
      strategy: 'random',
      streamRecovery: 'restart',
    });
    expect(ids(route)).toEqual(['openai/gpt-4o-mini', 'openai/gpt-4.1']);
    expect(route.strategy).toBe('random');
    expect(route.streamRecovery).toBe('restart');
    expect(ids(resolveCandidates('gpt-4o', catalog, { fallbacks: ['fast'] }))).toEqual([
      'openai/gpt-4o',
      'openai/gpt-4o-mini',
      'claude/claude-haiku-4-5-20251001',
    ]);
  });

  it('uses the routing defaults: priority strategy and error recovery', () => {
    const route = resolveCandidates('gpt-4o', sampleCatalog());
    expect(route.strategy).toBe('priority');
    expect(route.streamRecovery).toBe('error');
  });

  it('resolves context_window_fallbacks apart from the candidates', () => {
    const fast = logical({
      name: 'fast',
      deployments: [{ provider: 'openai', model: 'gpt-4o-mini' }],
      context_window_fallbacks: ['gpt-4.1'],
    });
    const route = resolveCandidates('fast', sampleCatalog([fast]));
    expect(route.contextWindowFallbacks.map((c) => [c.id, c.context_window])).toEqual([
      ['openai/gpt-4.1', 1_000_000],
    ]);
  });

  it('throws model_not_found with did-you-mean for an unknown name', () => {
    const error = (() => {
      try {
        resolveCandidates('gpt-4o-mni', sampleCatalog([logical({ name: 'fast' })]));
      } catch (caught) {
        return caught;
      }
    })();
    expect(LLMError.is(error)).toBe(true);
    expect(error).toMatchObject({ type: 'model_not_found', retryable: false });
    expect((error as LLMError).message).toContain('Did you mean "gpt-4o-mini"');
    expect((error as LLMError).details?.['suggestions']).toContain('gpt-4o-mini');
  });

  it('throws model_not_found for a deployment on an unconfigured provider or an unlisted model', () => {
    const badProvider = logical({
      name: 'x',
      deployments: [{ provider: 'opnai', model: 'gpt-4o' }],
    });
    expect(() => resolveCandidates('x', sampleCatalog([badProvider]))).toThrow(
      /provider "opnai".*Did you mean "openai\/gpt-4o"/,
    );
    const badModel = logical({ name: 'y', deployments: [{ provider: 'openai', model: 'gpt-5o' }] });
    expect(() => resolveCandidates('y', sampleCatalog([badModel]))).toThrow(
      /not listed by provider "openai"/,
    );
  });

  it('never routes to a disabled provider, and says so when nothing else is left', () => {
    const only = logical({
      name: 'only',
      deployments: [{ provider: 'offline', model: 'gpt-4o-mini' }],
    });
    expect(() => resolveCandidates('only', sampleCatalog([only]))).toThrow(
      /no deployment on an enabled provider/,
    );
  });

  it('resolves a name without overrides once per catalog, frozen, and overrides never leak into it', () => {
    const catalog = sampleCatalog();
    const first = resolveCandidates('gpt-4o-mini', catalog);
    expect(resolveCandidates('gpt-4o-mini', catalog)).toBe(first);
    expect(Object.isFrozen(first.groups[0]?.candidates[0])).toBe(true);
    const overridden = resolveCandidates('gpt-4o-mini', catalog, { fallbacks: ['openai/gpt-4.1'] });
    expect(ids(overridden)).toHaveLength(3);
    expect(ids(resolveCandidates('gpt-4o-mini', catalog))).toHaveLength(2);
  });
});
