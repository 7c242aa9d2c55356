import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../issues/config-error';
import type { ConfigChange } from './config-change';
import { configDirectory, OPENAI_ONLY } from './__tests__/config-directory';
import { createConfigManager } from './llm-config-manager';

const env = { OPENAI_API_KEY: 'sk-runtime-secret' };
const local = {
  name: 'local',
  type: 'generic',
  base_url: 'http://127.0.0.1:11434/v1',
  enabled: true,
  timeout: 30000,
  models: [{ name: 'llama3' }],
};

describe('runtime provider changes', () => {
  it('adds a provider live, emitting a change from the api and calling onConfigChanged', async () => {
    const { file } = configDirectory();
    const manager = await createConfigManager({ configFile: file, env, dotenv: false });
    const changes: ConfigChange[] = [];
    const lists: string[][] = [];
    manager.on('change', (change) => changes.push(change));
    manager.onConfigChanged((providers) => lists.push(providers.map((provider) => provider.name)));
    await manager.addProvider(local);
    expect(manager.getModelConfig('local', 'llama3')?.name).toBe('llama3');
    expect(
      changes.map(({ source, added, removed, modified }) => ({ source, added, removed, modified })),
    ).toEqual([{ source: 'api', added: ['local'], removed: [], modified: [] }]);
    expect(lists).toEqual([['openai', 'local']]);
  });

  it('validates before applying: an invalid provider is refused and the config is unchanged', async () => {
    const manager = await createConfigManager({
      config: { providers: [{ name: 'openai', type: 'openai' }] },
      env: {},
      dotenv: false,
    });
    const before = manager.getConfig();
    const error = await manager
      .addProvider({ ...local, type: 'nope', timeout: -1 })
      .catch((caught: unknown) => caught);
    expect(ConfigError.is(error)).toBe(true);
    expect((error as ConfigError).issues.map((issue) => `${issue.path}: ${issue.message}`)).toEqual(
      [
        'llm.providers.local.timeout: must be greater than 0',
        'llm.providers.local.type: unknown provider type "nope" (known: anthropic, azure, claude, generic, openai)',
      ],
    );
    expect(manager.getConfig()).toBe(before);
  });

  it('updates and removes providers, refusing to remove the default provider', async () => {
    const { file } = configDirectory();
    const manager = await createConfigManager({ configFile: file, env, dotenv: false });
    await manager.addProvider(local);
    await manager.updateProvider('local', { timeout: 5000 });
    expect(manager.getProviderConfig('local')?.timeout).toBe(5000);
    await manager.removeProvider('local');
    expect(manager.getProviderConfig('local')).toBeNull();
    const error = (await manager
      .removeProvider('openai')
      .catch((caught: unknown) => caught)) as ConfigError;
    expect(error.issues[0]?.message).toBe(
      '"openai" is not a configured provider (no providers are configured)',
    );
    expect(manager.getProviderConfig('openai')).not.toBeNull();
  });

  it('refuses a change that an environment variable would override', async () => {
    const manager = await createConfigManager({
      config: { providers: [{ name: 'openai', type: 'openai' }] },
      env: { LLM_PROVIDERS__OPENAI__TIMEOUT: '9000' },
      dotenv: false,
    });
    const error = (await manager
      .updateProvider('openai', { timeout: 1000 })
      .catch((caught: unknown) => caught)) as ConfigError;
    expect(error.issues[0]).toMatchObject({
      path: 'llm.providers.openai.timeout',
      message:
        'is set by environment variable LLM_PROVIDERS__OPENAI__TIMEOUT, which takes precedence over runtime changes',
    });
  });

  it('persists changes to the overrides file, never rewriting the TOML nor writing unchanged secrets', async () => {
    const { directory, file } = configDirectory();
    const manager = await createConfigManager({
      configFile: file,
      env,
      dotenv: false,
      persistChanges: true,
    });
    await manager.updateProvider('openai', { timeout: 12000 });
    await manager.addProvider(local);
    const overridesFile = join(directory, 'llm.overrides.json');
    expect(JSON.parse(readFileSync(overridesFile, 'utf8'))).toEqual({
      llm: {
        providers: {
          openai: { timeout: 12000 },
          local: {
            type: 'generic',
            base_url: 'http://127.0.0.1:11434/v1',
            enabled: true,
            timeout: 30000,
            models: { llama3: {} },
          },
        },
      },
    });
    expect(readFileSync(file, 'utf8')).toBe(OPENAI_ONLY);
    expect(readFileSync(overridesFile, 'utf8')).not.toContain('sk-runtime-secret');
    const reopened = await createConfigManager({ configFile: file, env, dotenv: false });
    expect(reopened.getProviderConfig('openai')?.timeout).toBe(12000);
    expect(reopened.getProviderConfig('local')).not.toBeNull();
  });

  it('keeps changes in memory only unless asked to persist', async () => {
    const { directory, file } = configDirectory();
    const manager = await createConfigManager({ configFile: file, env, dotenv: false });
    await manager.updateProvider('openai', { timeout: 12000 });
    expect(existsSync(join(directory, 'llm.overrides.json'))).toBe(false);
    await manager.reloadConfig();
    expect(manager.getProviderConfig('openai')?.timeout).toBe(12000);
  });

  it('re-adds a removed file provider without keeping its old settings', async () => {
    const { file } = configDirectory(OPENAI_ONLY.replace('default_provider = "openai"', ''));
    const manager = await createConfigManager({ configFile: file, env, dotenv: false });
    await manager.removeProvider('openai');
    await manager.addProvider({
      name: 'openai',
      type: 'openai',
      enabled: true,
      timeout: 30000,
      models: [],
    });
    expect(manager.getProviderConfig('openai')?.models).toEqual([]);
  });
});
