import { describe, expect, it } from 'vitest';
import { configFromEnvironment } from './environment-config';
import { loadConfig } from './load-config';

describe('configFromEnvironment', () => {
  it('is undefined when no API key is set', () => {
    expect(configFromEnvironment({ HOME: '/home/x', OPENAI_BASE_URL: 'http://x' })).toBeUndefined();
  });

  it('configures one provider per key, as ${VAR} references, the first as default', () => {
    const env = {
      OPENAI_API_KEY: 'sk-zero-config-1234',
      OPENAI_BASE_URL: 'http://127.0.0.1:9/v1',
      DEEPSEEK_API_KEY: 'sk-deep-5678',
    };
    const built = configFromEnvironment(env)!;
    expect(built.providers).toEqual(['openai', 'deepseek']);
    expect(built.config.llm).toEqual({
      default_provider: 'openai',
      providers: {
        openai: {
          type: 'openai',
          api_key: '${OPENAI_API_KEY}',
          base_url: '${OPENAI_BASE_URL}',
        },
        deepseek: { type: 'generic', preset: 'deepseek', api_key: '${DEEPSEEK_API_KEY}' },
      },
    });
    expect([...built.sources]).toEqual([
      ['llm.providers.openai.api_key', 'OPENAI_API_KEY'],
      ['llm.providers.openai.base_url', 'OPENAI_BASE_URL'],
      ['llm.providers.deepseek.api_key', 'DEEPSEEK_API_KEY'],
    ]);
  });

  it('loads as a valid config whose providers list no models (so any model name is taken)', async () => {
    const env = { OPENAI_API_KEY: 'sk-zero-config-1234', ANTHROPIC_API_KEY: 'sk-ant-zero-5678' };
    const built = configFromEnvironment(env, { usageDataDir: '/tmp/llm-usage' })!;
    const config = await loadConfig({ config: built.config, env, dotenv: false });
    expect(config.providers.map((provider) => [provider.name, provider.models.length])).toEqual([
      ['openai', 0],
      ['claude', 0],
    ]);
    expect(config.providers[0]!.api_key).toBe('sk-zero-config-1234');
    expect(config.usage_data_dir).toBe('/tmp/llm-usage');
  });

  it('skips Azure without its endpoint and presets the generic provider does not know', () => {
    expect(configFromEnvironment({ AZURE_OPENAI_API_KEY: 'k' })).toBeUndefined();
    const azure = configFromEnvironment({
      AZURE_OPENAI_API_KEY: 'k',
      AZURE_OPENAI_ENDPOINT: 'https://x.openai.azure.com',
      OPENAI_API_VERSION: '2024-10-21',
    })!;
    expect(azure.config.llm['providers']).toEqual({
      azure: {
        type: 'azure',
        api_key: '${AZURE_OPENAI_API_KEY}',
        endpoint: '${AZURE_OPENAI_ENDPOINT}',
        api_version: '${OPENAI_API_VERSION}',
      },
    });
    expect(
      configFromEnvironment({ DASHSCOPE_API_KEY: 'k' }, { knownPresets: ['deepseek'] }),
    ).toBeUndefined();
    expect(configFromEnvironment({ DASHSCOPE_API_KEY: 'k' })!.providers).toEqual(['qwen']);
  });
});
