import { describe, expect, it } from 'vitest';
import { EchoProvider } from 'llm-provider-echo-example';
import { LLMError, ProviderRegistry, silentLogger, systemClock } from '@llm/core';
import { ConfigError, loadConfig, type LLMConfig } from '@llm/config';
import { CircuitBreakerRegistry } from '@llm/retry';
import { buildSnapshot, CurrentSnapshot, type SnapshotDependencies } from './manager-snapshot';

function dependencies(registry: ProviderRegistry): SnapshotDependencies {
  return {
    registry,
    breakers: new CircuitBreakerRegistry(),
    clock: systemClock,
    logger: silentLogger,
    tracker: undefined,
  };
}

const echoRegistry = () => {
  const registry = new ProviderRegistry();
  registry.register({ type: 'echo', create: (config) => new EchoProvider(config) });
  return registry;
};

const configOf = (providers: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  loadConfig({
    config: { enable_usage_tracking: false, providers, ...extra },
    knownProviderTypes: ['echo', 'broken'],
    env: {},
  }) as Promise<LLMConfig>;

describe('buildSnapshot', () => {
  it('holds the config and one entry per enabled provider, frozen', async () => {
    const config = await configOf({
      a: { type: 'echo', models: { 'echo-1': {} } },
      b: { type: 'echo', enabled: false },
    });
    const snapshot = await buildSnapshot(config, dependencies(echoRegistry()));
    expect(snapshot.config).toBe(config);
    expect([...snapshot.providers.keys()]).toEqual(['a']);
    expect(snapshot.budgets).toBeUndefined();
    expect(Object.isFrozen(snapshot)).toBe(true);
  });

  it('reuses the entries of unchanged providers and rebuilds the changed ones', async () => {
    const deps = dependencies(echoRegistry());
    const first = await buildSnapshot(
      await configOf({ a: { type: 'echo' }, b: { type: 'echo' } }),
      deps,
    );
    const second = await buildSnapshot(
      await configOf({ a: { type: 'echo' }, b: { type: 'echo', timeout: 1234 } }),
      deps,
      first,
    );
    expect(second.providers.get('a')).toBe(first.providers.get('a'));
    expect(second.providers.get('b')).not.toBe(first.providers.get('b'));
    expect(second.providers.get('b')?.provider.config.timeout).toBe(1234);
  });

  it('reports a provider type no package registered as a ConfigError at its type key', async () => {
    const config = await configOf({ x: { type: 'broken' } });
    const failure = await buildSnapshot(config, dependencies(new ProviderRegistry())).catch(
      (error: unknown) => error,
    );
    expect(ConfigError.is(failure)).toBe(true);
    expect((failure as ConfigError).issues).toEqual([
      expect.objectContaining({
        path: 'llm.providers.x.type',
        message: expect.stringContaining('Provider type "broken" is not registered'),
      }),
    ]);
  });

  it('reports a factory that throws a plain Error as a ConfigError keeping the cause', async () => {
    const registry = new ProviderRegistry();
    const cause = new Error('no socket');
    registry.register({
      type: 'broken',
      create: () => {
        throw cause;
      },
    });
    const failure = await buildSnapshot(
      await configOf({ x: { type: 'broken' } }),
      dependencies(registry),
    ).catch((error: unknown) => error);
    expect(ConfigError.is(failure)).toBe(true);
    expect((failure as ConfigError).message).toContain('A provider could not be built: no socket');
    expect((failure as ConfigError).cause).toBe(cause);
  });

  it('passes an LLMError from a provider through unchanged', async () => {
    const registry = new ProviderRegistry();
    const refused = new LLMError({ type: 'auth', message: 'bad key' });
    registry.register({
      type: 'broken',
      create: (config) =>
        Object.assign(new EchoProvider(config), {
          initialize: () => Promise.reject(refused),
        }),
    });
    const failure = await buildSnapshot(
      await configOf({ x: { type: 'broken' } }),
      dependencies(registry),
    ).catch((error: unknown) => error);
    expect(failure).toBe(refused);
  });
});

describe('CurrentSnapshot', () => {
  it('serves the swapped-in snapshot to every later reader and returns the one it replaced', async () => {
    const deps = dependencies(echoRegistry());
    const first = await buildSnapshot(await configOf({ a: { type: 'echo' } }), deps);
    const second = await buildSnapshot(await configOf({ b: { type: 'echo' } }), deps, first);
    const current = new CurrentSnapshot(first);
    const heldByACall = current.current;
    expect(current.swap(second)).toBe(first);
    expect(current.current).toBe(second);
    expect([...heldByACall.providers.keys()]).toEqual(['a']);
  });
});
