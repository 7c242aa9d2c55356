import { describe, expect, it } from 'vitest';
import { ConfigError } from '../issues/config-error';
import { createConfigManager } from './llm-config-manager';

const config = {
  providers: [
    {
      name: 'openai',
      type: 'openai',
      api_key: 'sk-test',
      models: [{ name: 'gpt-4o', model_id: 'gpt-4o-2024-08-06' }],
    },
    {
      name: 'claude',
      type: 'claude',
      api_key: 'sk-ant',
      enabled: false,
      models: [{ name: 'claude-3.5-sonnet' }],
    },
  ],
};

describe('LLMConfigManager queries', () => {
  it('returns providers by name and all providers', async () => {
    const manager = await createConfigManager({ config, env: {}, dotenv: false });
    expect(manager.getProviderConfig('openai')?.type).toBe('openai');
    expect(manager.getProviderConfig('missing')).toBeNull();
    expect(manager.getAllProviders().map((provider) => provider.name)).toEqual([
      'openai',
      'claude',
    ]);
  });

  it('falls back to the first enabled provider when no default is configured', async () => {
    const manager = await createConfigManager({ config, env: {}, dotenv: false });
    expect(manager.getDefaultProvider()).toBe('openai');
    const empty = await createConfigManager({ config: {}, env: {}, dotenv: false });
    expect(empty.getDefaultProvider()).toBeNull();
  });

  it('finds models by exact name, ignoring case, or by model_id', async () => {
    const manager = await createConfigManager({ config, env: {}, dotenv: false });
    expect(manager.getModelConfig('openai', 'gpt-4o')?.name).toBe('gpt-4o');
    expect(manager.getModelConfig('openai', 'GPT-4o')?.name).toBe('gpt-4o');
    expect(manager.getModelConfig('openai', 'gpt-4o-2024-08-06')?.name).toBe('gpt-4o');
    expect(manager.getModelConfig('openai', 'gpt-5')).toBeNull();
    expect(manager.getModelConfig('nobody', 'gpt-4o')).toBeNull();
  });

  it('rejects an invalid initial configuration with every issue', async () => {
    const error = await createConfigManager({
      config: { default_provider: 'x', providers: [{ name: 'a', type: 'nope' }] },
      env: {},
      dotenv: false,
    }).catch((caught: unknown) => caught);
    expect((error as { issues: { path: string }[] }).issues.map((issue) => issue.path)).toEqual([
      'llm.default_provider',
      'llm.providers.a.type',
    ]);
  });

  it('hands out a getAllProviders array the caller may change without touching the snapshot', async () => {
    const manager = await createConfigManager({ config, env: {}, dotenv: false });
    manager.getAllProviders().pop();
    expect(manager.getAllProviders()).toHaveLength(2);
    expect(Object.isFrozen(manager.getProviderConfig('openai'))).toBe(true);
  });
});

describe('createConfigManager failures', () => {
  it('rejects an unexpected failure while loading as a ConfigError that keeps the cause, secrets redacted', async () => {
    const cause = new Error('boom while reading sk-secret-value');
    const throwing = Object.defineProperty({}, 'llm', {
      enumerable: true,
      get() {
        throw cause;
      },
    });
    const failure = await createConfigManager({
      config: throwing,
      env: { OPENAI_API_KEY: 'sk-secret-value' },
      dotenv: false,
    }).catch((error: unknown) => error);
    expect(ConfigError.is(failure)).toBe(true);
    expect((failure as ConfigError).cause).toBe(cause);
    expect((failure as ConfigError).issues).toEqual([
      {
        path: '',
        message: 'unexpected error while loading the configuration: boom while reading ***',
      },
    ]);
  });

  it('warns once, naming the variable, for a provider a missing secret turned off', async () => {
    const warnings: string[] = [];
    const logger = {
      debug() {},
      info() {},
      warn: (message: string) => void warnings.push(message),
      error() {},
    };
    const manager = await createConfigManager({
      config: {
        providers: [{ name: 'deepseek', type: 'generic', api_key: '${DEEPSEEK_API_KEY}' }],
      },
      env: {},
      dotenv: false,
      logger,
    });
    expect(manager.getProviderConfig('deepseek')?.enabled).toBe(false);
    expect(warnings).toEqual([
      'Provider "deepseek" is disabled: environment variable DEEPSEEK_API_KEY is not set (llm.providers.deepseek.api_key)',
    ]);
  });
});
