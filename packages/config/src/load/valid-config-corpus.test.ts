import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateConfig } from './load-config';

const directory = join(dirname(fileURLToPath(import.meta.url)), '../__fixtures__/valid');
const configs = readdirSync(directory).filter(
  (name) => /\.(toml|json)$/.test(name) && !name.includes('.prices.'),
);
const env = { OPENAI_API_KEY: 'sk-1', CLAUDE_API_KEY: 'sk-2', ANTHROPIC_API_KEY: 'sk-3' };

describe('the valid-config corpus', () => {
  it.each(configs)('%s validates without issues', async (name) => {
    const result = await validateConfig({
      configFile: join(directory, name),
      env,
      dotenv: false,
      overridesFile: false,
    });
    expect(result.issues).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('applies the price file and skips the missing key of the disabled provider in full.toml', async () => {
    const { config } = await validateConfig({
      configFile: join(directory, 'full.toml'),
      env,
      dotenv: false,
      overridesFile: false,
    });
    const openai = config?.providers.find((provider) => provider.name === 'openai');
    expect(openai?.models.some((model) => model.name === 'gpt-4.1')).toBe(true);
    expect(config?.price_file_prices?.['openai/gpt-4.1']).toMatchObject({
      input_price: 2,
      output_price: 8,
    });
    expect(
      config?.providers.find((provider) => provider.name === 'azure')?.api_key,
    ).toBeUndefined();
    expect(config?.budgets?.[1]).toMatchObject({
      scope: 'provider',
      match: 'claude',
      currency: 'CNY',
    });
  });

  it('reads [llm.routing] and the logical models of routing.toml, names filled in', async () => {
    const { config } = await validateConfig({
      configFile: join(directory, 'routing.toml'),
      env,
      dotenv: false,
      overridesFile: false,
    });
    expect(config?.routing).toEqual({
      strategy: 'priority',
      max_attempts: 6,
      deadline: 60000,
      stream_recovery: 'restart',
      key_cooldown: 60000,
    });
    expect(config?.models).toEqual([
      {
        name: 'fast',
        strategy: 'weighted',
        deployments: [
          { provider: 'openai', model: 'gpt-4o-mini', weight: 3 },
          { provider: 'azure', model: 'gpt-4o-mini', weight: 1 },
        ],
        fallbacks: ['claude/claude-haiku-4-5-20251001'],
        context_window_fallbacks: ['gpt-4.1'],
      },
      {
        name: 'careful',
        deployments: [{ provider: 'claude', model: 'claude-haiku-4-5-20251001' }],
        fallbacks: ['fast'],
        context_window_fallbacks: [],
        stream_recovery: 'error',
      },
    ]);
  });
});
