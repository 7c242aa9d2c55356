import { describe, expect, it } from 'vitest';
import { normalizeCodeConfig } from './normalize-code-config';

describe('normalizeCodeConfig', () => {
  it('wraps a bare [llm] table', () => {
    expect(normalizeCodeConfig({ default_provider: 'openai' }).data).toEqual({
      llm: { default_provider: 'openai' },
    });
  });

  it('accepts the whole file shape', () => {
    expect(normalizeCodeConfig({ llm: { cost_tracking: false } }).data).toEqual({
      llm: { cost_tracking: false },
    });
  });

  it('keys providers and models given as arrays by their names', () => {
    const { data, drafts } = normalizeCodeConfig({
      providers: [
        { name: 'openai', type: 'openai', models: [{ name: 'gpt-4o', max_tokens: 100 }] },
      ],
    });
    expect(drafts).toEqual([]);
    expect(data).toEqual({
      llm: { providers: { openai: { type: 'openai', models: { 'gpt-4o': { max_tokens: 100 } } } } },
    });
  });

  it('reports array entries without a name or with a repeated name', () => {
    const { drafts } = normalizeCodeConfig({
      providers: [{ type: 'openai' }, { name: 'a', type: 'openai' }, { name: 'a', type: 'claude' }],
    });
    expect(drafts).toEqual([
      { path: ['llm', 'providers', 0, 'name'], message: 'is required (a string)' },
      { path: ['llm', 'providers', 2, 'name'], message: '"a" appears twice' },
    ]);
  });
});
