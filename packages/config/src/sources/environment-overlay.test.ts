import { describe, expect, it } from 'vitest';
import { environmentOverlay } from './environment-overlay';

const base = {
  llm: { providers: { openai: { type: 'openai', models: { 'gpt-4': {}, 'gpt-4.1': {} } } } },
};

describe('environmentOverlay', () => {
  it('maps LLM_<KEY> to a key of [llm]', () => {
    expect(
      environmentOverlay(base, { LLM_DEFAULT_PROVIDER: 'claude', LLM_COST_TRACKING: 'false' }).data,
    ).toEqual({
      llm: { default_provider: 'claude', cost_tracking: false },
    });
  });

  it('descends one level per double underscore and converts to the schema type', () => {
    const overlay = environmentOverlay(base, {
      LLM_PROVIDERS__OPENAI__TIMEOUT: '60000',
      LLM_RETRY__MAX_ATTEMPTS: '5',
    });
    expect(overlay.data).toEqual({
      llm: { providers: { openai: { timeout: 60000 } }, retry: { max_attempts: 5 } },
    });
    expect(overlay.variables.get('llm.providers.openai.timeout')).toBe(
      'LLM_PROVIDERS__OPENAI__TIMEOUT',
    );
  });

  it('finds existing names that contain dots and dashes', () => {
    const overlay = environmentOverlay(base, {
      LLM_PROVIDERS__OPENAI__MODELS__GPT_4_1__MAX_TOKENS: '4096',
    });
    expect(overlay.data).toEqual({
      llm: { providers: { openai: { models: { 'gpt-4.1': { max_tokens: 4096 } } } } },
    });
  });

  it('creates a provider that the file does not have, with a lower-cased name', () => {
    const overlay = environmentOverlay(base, {
      LLM_PROVIDERS__LOCAL__TYPE: 'generic',
      LLM_PROVIDERS__LOCAL__BASE_URL: 'http://127.0.0.1:11434/v1',
    });
    expect(overlay.data).toEqual({
      llm: { providers: { local: { type: 'generic', base_url: 'http://127.0.0.1:11434/v1' } } },
    });
  });

  it('ignores LLM_CONFIG and LLM_* variables that are not config keys', () => {
    expect(
      environmentOverlay(base, {
        LLM_CONFIG: './llm.toml',
        LLM_USER_PATH: '/home/x',
        LLM_MODEL: 'gpt-4',
      }).data,
    ).toEqual({});
  });
});
