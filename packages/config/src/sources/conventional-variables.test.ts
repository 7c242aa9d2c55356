import { describe, expect, it } from 'vitest';
import { applyConventionalVariables } from './conventional-variables';

const treeWith = (providers: Record<string, unknown>) => ({ llm: { providers } });

describe('applyConventionalVariables', () => {
  it('fills an unset api_key from the variable of the provider type', () => {
    const tree = treeWith({ main: { type: 'openai' }, backup: { type: 'claude' } });
    const filled = applyConventionalVariables(tree, {
      OPENAI_API_KEY: 'sk-openai',
      CLAUDE_API_KEY: 'sk-claude',
    });
    expect(tree.llm.providers).toEqual({
      main: { type: 'openai', api_key: 'sk-openai' },
      backup: { type: 'claude', api_key: 'sk-claude' },
    });
    expect(filled.get('llm.providers.main.api_key')).toBe('OPENAI_API_KEY');
  });

  it('prefers ANTHROPIC_API_KEY over CLAUDE_API_KEY', () => {
    const tree = treeWith({ claude: { type: 'anthropic' } });
    applyConventionalVariables(tree, { CLAUDE_API_KEY: 'second', ANTHROPIC_API_KEY: 'first' });
    expect(tree.llm.providers.claude).toEqual({ type: 'anthropic', api_key: 'first' });
  });

  it('fills the Azure endpoint and key', () => {
    const tree = treeWith({ azure: { type: 'azure' } });
    applyConventionalVariables(tree, {
      AZURE_OPENAI_API_KEY: 'az-key',
      AZURE_OPENAI_ENDPOINT: 'https://r.openai.azure.com',
    });
    expect(tree.llm.providers.azure).toEqual({
      type: 'azure',
      api_key: 'az-key',
      endpoint: 'https://r.openai.azure.com',
    });
  });

  it('never replaces a value the provider sets', () => {
    const tree = treeWith({
      main: { type: 'openai', api_key: 'from-file', base_url: 'http://local/v1' },
    });
    expect(
      applyConventionalVariables(tree, { OPENAI_API_KEY: 'env', OPENAI_BASE_URL: 'http://env/v1' })
        .size,
    ).toBe(0);
    expect(tree.llm.providers.main).toEqual({
      type: 'openai',
      api_key: 'from-file',
      base_url: 'http://local/v1',
    });
  });

  it('leaves providers of other types alone', () => {
    const tree = treeWith({ local: { type: 'generic' } });
    applyConventionalVariables(tree, { OPENAI_API_KEY: 'sk' });
    expect(tree.llm.providers.local).toEqual({ type: 'generic' });
  });
});
