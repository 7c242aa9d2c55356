import { describe, expect, it } from 'vitest';
import { substituteVariables } from './substitute-variables';
import { LLMConfigFileSchema } from '../schema/config-schema';

describe('substituteVariables', () => {
  it('expands references in nested strings and arrays in place', () => {
    const tree = {
      llm: { providers: { openai: { api_key: '${KEY}', transforms: ['${NAME:-trim}'] } } },
    };
    expect(substituteVariables(tree, { KEY: 'sk-1' })).toEqual([]);
    expect(tree.llm.providers.openai).toEqual({ api_key: 'sk-1', transforms: ['trim'] });
  });

  it('reports a missing variable with the variable and the path that uses it', () => {
    const tree = { llm: { providers: { openai: { api_key: '${OPENAI_API_KEY}' } } } };
    expect(substituteVariables(tree, {})).toEqual([
      {
        path: ['llm', 'providers', 'openai', 'api_key'],
        message: 'environment variable OPENAI_API_KEY is not set',
      },
    ]);
  });

  it('includes the message of ${NAME:?message}', () => {
    const tree = { llm: { usage_data_dir: '${DATA:?point it at a writable directory}' } };
    expect(substituteVariables(tree, {})[0]?.message).toBe(
      'environment variable DATA is not set: point it at a writable directory',
    );
  });

  it('skips a missing variable inside a disabled provider and drops the key', () => {
    const tree = {
      llm: {
        providers: { claude: { enabled: false, api_key: '${CLAUDE_API_KEY}', type: 'claude' } },
      },
    };
    expect(substituteVariables(tree, {})).toEqual([]);
    expect(tree.llm.providers.claude).toEqual({ enabled: false, type: 'claude' });
  });

  it('turns off the provider whose secret names an unset variable instead of reporting it, when asked', () => {
    const tree = {
      llm: {
        providers: {
          claude: { api_key: '${ANTHROPIC_API_KEY}', type: 'claude' },
          proxy: { type: 'generic', headers: { Authorization: 'Bearer ${PROXY_TOKEN}' } },
          openai: { api_key: '${OPENAI_API_KEY}', type: 'openai' },
        },
      },
    };
    const missingSecrets = new Map();
    expect(substituteVariables(tree, { OPENAI_API_KEY: 'sk-1' }, { missingSecrets })).toEqual([]);
    expect(tree.llm.providers.claude).toEqual({ type: 'claude' });
    expect(tree.llm.providers.proxy).toEqual({ type: 'generic', headers: {} });
    expect([...missingSecrets.keys()]).toEqual(['claude', 'proxy']);
    expect(missingSecrets.get('claude')).toEqual({
      variable: 'ANTHROPIC_API_KEY',
      path: ['llm', 'providers', 'claude', 'api_key'],
      warning:
        'environment variable ANTHROPIC_API_KEY is not set: provider "claude" is disabled until it is',
      reason: 'environment variable ANTHROPIC_API_KEY is not set (llm.providers.claude.api_key)',
    });
  });

  it('still reports an unset variable of a provider key that is not a secret', () => {
    const tree = { llm: { providers: { openai: { type: 'openai', base_url: '${BASE}' } } } };
    const missingSecrets = new Map();
    expect(substituteVariables(tree, {}, { missingSecrets })).toEqual([
      {
        path: ['llm', 'providers', 'openai', 'base_url'],
        message: 'environment variable BASE is not set',
      },
    ]);
    expect(missingSecrets.size).toBe(0);
  });

  it('drops keys with unset variables everywhere when told to (readers of non-secret parts)', () => {
    const tree = {
      llm: {
        usage_data_dir: './usage',
        providers: { openai: { api_key: '${OPENAI_API_KEY}', type: 'openai' } },
      },
    };
    expect(substituteVariables(tree, {}, { dropMissing: true })).toEqual([]);
    expect(tree.llm.providers.openai).toEqual({ type: 'openai' });
  });

  it('reports a malformed reference', () => {
    const tree = { llm: { usage_data_dir: '${not valid}' } };
    expect(substituteVariables(tree, {})[0]?.message).toMatch(/^malformed variable reference/);
  });
});

describe('substituteVariables with a schema', () => {
  const schema = LLMConfigFileSchema;

  it('turns substituted text into the number or boolean the schema expects there', () => {
    const tree = {
      llm: { providers: { openai: { timeout: '${T:-1000}', enabled: '${ON}', api_key: '${K}' } } },
    };
    expect(substituteVariables(tree, { ON: 'off', K: '42' }, { schema })).toEqual([]);
    expect(tree.llm.providers.openai).toEqual({ timeout: 1000, enabled: false, api_key: '42' });
  });

  it('leaves text that does not read as the expected type and records its template', () => {
    const tree = { llm: { providers: { openai: { timeout: '${T}' } } } };
    const uncoerced = new Map<string, string>();
    expect(substituteVariables(tree, { T: '30s' }, { schema, uncoerced })).toEqual([]);
    expect(tree.llm.providers.openai.timeout).toBe('30s');
    expect(uncoerced).toEqual(new Map([['llm.providers.openai.timeout', '${T}']]));
  });

  it('does not convert strings that hold no reference', () => {
    const tree = { llm: { providers: { openai: { timeout: '1000' } } } };
    substituteVariables(tree, {}, { schema });
    expect(tree.llm.providers.openai.timeout).toBe('1000');
  });
});
