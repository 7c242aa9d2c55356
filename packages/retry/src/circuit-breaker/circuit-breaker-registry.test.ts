import { LLMErrorType } from '@llm/core';
import { describe, expect, it } from 'vitest';
import { providerError } from '../__tests__/llm-errors';
import { createTestClock } from '../__tests__/test-clock';
import { CircuitBreakerRegistry } from './circuit-breaker-registry';
import type { CircuitStateChange } from './circuit-breaker';

const trip = (registry: CircuitBreakerRegistry, model: string, perModel: boolean) => {
  const breaker = registry.breakerFor({
    provider: 'openai',
    model,
    config: { failure_threshold: 2, per_model: perModel },
  });
  breaker.acquire().recordError(providerError(LLMErrorType.SERVER_ERROR));
  breaker.acquire().recordError(providerError(LLMErrorType.SERVER_ERROR));
};

describe('CircuitBreakerRegistry', () => {
  it('keeps one breaker per provider and model when per_model is set', () => {
    const registry = new CircuitBreakerRegistry({ clock: createTestClock() });
    trip(registry, 'gpt-4o', true);
    expect(registry.get('openai', 'gpt-4o')?.state().state).toBe('open');
    const other = registry.breakerFor({
      provider: 'openai',
      model: 'gpt-4o-mini',
      config: { per_model: true },
    });
    expect(other.state().state).toBe('closed');
    expect(other.key).toBe('openai/gpt-4o-mini');
  });

  it('shares one breaker across the models of a provider when per_model is false', () => {
    const registry = new CircuitBreakerRegistry({ clock: createTestClock() });
    trip(registry, 'gpt-4o', false);
    const other = registry.breakerFor({
      provider: 'openai',
      model: 'gpt-4o-mini',
      config: { failure_threshold: 2, per_model: false },
    });
    expect(other.state().state).toBe('open');
    expect(other.key).toBe('openai');
  });

  it('keeps one breaker per provider and model by default', () => {
    const registry = new CircuitBreakerRegistry({ clock: createTestClock() });
    const first = registry.breakerFor({ provider: 'openai', model: 'gpt-4o' });
    const other = registry.breakerFor({ provider: 'openai', model: 'gpt-4o-mini' });
    expect(first.key).toBe('openai/gpt-4o');
    expect(other.key).toBe('openai/gpt-4o-mini');
  });

  it('returns the same open breaker to a pipeline rebuilt with a new config', () => {
    const registry = new CircuitBreakerRegistry({ clock: createTestClock() });
    trip(registry, 'gpt-4o', false);
    const rebuilt = registry.breakerFor({ provider: 'openai', config: { failure_threshold: 9 } });
    expect(rebuilt.state().state).toBe('open');
    expect(rebuilt.options.failureThreshold).toBe(9);
  });

  it('forwards the state changes of every breaker', () => {
    const registry = new CircuitBreakerRegistry({ clock: createTestClock() });
    const changes: CircuitStateChange[] = [];
    registry.on('state-change', (change) => changes.push(change));
    trip(registry, 'gpt-4o', true);
    expect(changes).toMatchObject([
      { key: 'openai/gpt-4o', provider: 'openai', model: 'gpt-4o', to: 'open' },
    ]);
  });

  it('restores a snapshot into a fresh registry', () => {
    const clock = createTestClock();
    const registry = new CircuitBreakerRegistry({ clock });
    trip(registry, 'gpt-4o', true);
    const fresh = new CircuitBreakerRegistry({ clock });
    fresh.restore(JSON.parse(JSON.stringify(registry)));
    expect(fresh.snapshot()).toEqual(registry.snapshot());
  });
});
