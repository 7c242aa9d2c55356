import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../issues/config-error';
import { loadConfig, validateConfig } from './load-config';

const seedFile = join(
  dirname(fileURLToPath(import.meta.url)),
  '../__fixtures__/valid/seed-001.toml',
);
const keys = { OPENAI_API_KEY: 'sk-openai-test', CLAUDE_API_KEY: 'sk-claude-test' };

describe('loadConfig', () => {
  it('loads the documented sample config verbatim with ${VAR} substitution', async () => {
    const config = await loadConfig({ configFile: seedFile, env: keys, dotenv: false });
    expect(config.default_provider).toBe('openai');
    expect(config.usage_data_dir).toBe(join(dirname(seedFile), 'data/llm-usage'));
    expect(
      config.providers.map((provider) => [provider.name, provider.type, provider.api_key]),
    ).toEqual([
      ['openai', 'openai', 'sk-openai-test'],
      ['claude', 'claude', 'sk-claude-test'],
    ]);
    expect(config.providers[0]?.models).toEqual([
      {
        name: 'gpt-4',
        display_name: 'GPT-4',
        max_tokens: 8192,
        supports_vision: true,
        supports_tools: true,
        supports_streaming: true,
        pricing: { currency: 'USD', unit: 'million_tokens', input_price: 30, output_price: 60 },
      },
    ]);
    expect(config.retry).toEqual({
      max_attempts: 3,
      base_delay: 1000,
      max_delay: 10000,
      backoff_factor: 2,
      retryable_errors: ['network', 'rate_limit', 'server_error'],
    });
  });

  it('returns a frozen snapshot', async () => {
    const config = await loadConfig({ configFile: seedFile, env: keys, dotenv: false });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.providers[0]?.models[0]?.pricing)).toBe(true);
  });

  it('disables only the provider whose api_key variable is unset, warning with the variable, the path and the line', async () => {
    const result = await validateConfig({
      configFile: seedFile,
      env: { OPENAI_API_KEY: 'sk-x' },
      dotenv: false,
    });
    expect(result.valid).toBe(true);
    expect(result.issues).toEqual([]);
    expect(result.warnings).toEqual([
      {
        path: 'llm.providers.claude.api_key',
        message:
          'environment variable CLAUDE_API_KEY is not set: provider "claude" is disabled until it is',
        file: seedFile,
        line: 30,
        column: 1,
      },
    ]);
    const providers = result.config!.providers.map((provider) => [provider.name, provider.enabled]);
    expect(providers).toEqual([
      ['openai', true],
      ['claude', false],
    ]);
    expect(result.config!.disabled_providers).toEqual({
      claude: 'environment variable CLAUDE_API_KEY is not set (llm.providers.claude.api_key)',
    });
  });

  it('keeps a default_provider whose secret is unset: the configuration stays valid and warns', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'llm-config-default-'));
    const configFile = join(directory, 'llm.toml');
    writeFileSync(
      configFile,
      [
        '[llm]',
        'default_provider = "claude"',
        '[llm.providers.claude]',
        'type = "claude"',
        'api_key = "${ANTHROPIC_API_KEY}"',
        '[llm.providers.openai]',
        'type = "openai"',
        'api_key = "${OPENAI_API_KEY}"',
        '',
      ].join('\n'),
    );
    const result = await validateConfig({
      configFile,
      env: { OPENAI_API_KEY: 'sk-1' },
      dotenv: false,
    });
    expect(result.issues).toEqual([]);
    expect(result.warnings.map((warning) => warning.path)).toEqual([
      'llm.providers.claude.api_key',
    ]);
    expect(result.config?.default_provider).toBe('claude');
  });

  it('rejects with ConfigError naming a missing variable outside a secret, the path and the line', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'llm-config-missing-'));
    const configFile = join(directory, 'llm.toml');
    writeFileSync(configFile, '[llm]\nusage_data_dir = "${DATA_HOME}"\n');
    const error = await loadConfig({ configFile, env: {}, dotenv: false }).catch(
      (caught: unknown) => caught,
    );
    expect(ConfigError.is(error)).toBe(true);
    expect((error as ConfigError).issues).toEqual([
      {
        path: 'llm.usage_data_dir',
        message: 'environment variable DATA_HOME is not set',
        file: configFile,
        line: 2,
        column: 1,
      },
    ]);
  });

  it('applies precedence defaults < file < environment < code', async () => {
    const config = await loadConfig({
      configFile: seedFile,
      env: {
        ...keys,
        LLM_PROVIDERS__OPENAI__TIMEOUT: '45000',
        LLM_PROVIDERS__CLAUDE__TIMEOUT: '46000',
      },
      config: { providers: { claude: { timeout: 47000 } } },
      dotenv: false,
    });
    expect(config.providers.map((provider) => provider.timeout)).toEqual([45000, 47000]);
    expect(config.enable_usage_tracking).toBe(true);
  });

  it('loads from code alone, with providers and models in the runtime shape', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'llm-config-code-'));
    const config = await loadConfig({
      cwd,
      env: {},
      config: {
        default_provider: 'local',
        providers: [
          {
            name: 'local',
            type: 'generic',
            base_url: 'http://127.0.0.1:8080/v1',
            models: [{ name: 'llama3' }],
          },
        ],
      },
    });
    expect(config.providers[0]).toMatchObject({ name: 'local', models: [{ name: 'llama3' }] });
    expect(config.usage_data_dir).toBe(join(cwd, 'data/llm-usage'));
  });

  it('reads .env next to the config file without overriding real variables', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'llm-config-dotenv-load-'));
    const file = join(directory, 'llm.toml');
    writeFileSync(
      file,
      '[llm.providers.openai]\ntype = "openai"\napi_key = "${MY_KEY}"\nbase_url = "${MY_URL}"\n',
    );
    writeFileSync(join(directory, '.env'), 'MY_KEY=from-dotenv\nMY_URL=http://dotenv/v1\n');
    const config = await loadConfig({
      configFile: file,
      env: { MY_URL: 'http://real/v1' },
      cwd: directory,
    });
    expect(config.providers[0]).toMatchObject({
      api_key: 'from-dotenv',
      base_url: 'http://real/v1',
    });
  });

  it('fills api keys from the conventional variables when the file leaves them unset', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'llm-config-conventional-'));
    const file = join(directory, 'llm.json');
    writeFileSync(file, JSON.stringify({ llm: { providers: { main: { type: 'anthropic' } } } }));
    const config = await loadConfig({
      configFile: file,
      env: { ANTHROPIC_API_KEY: 'sk-ant' },
      dotenv: false,
    });
    expect(config.providers[0]?.api_key).toBe('sk-ant');
  });
});
