import { describe, expect, it } from 'vitest';
import { LLMConfigFileSchema } from '../schema/config-schema';
import type { IssueDraft } from './config-path';
import { zodIssueToDrafts } from './zod-issue-to-drafts';

function draftsFor(tree: unknown): IssueDraft[] {
  const result = LLMConfigFileSchema.safeParse(tree);
  return (result.error?.issues ?? []).flatMap((issue) =>
    zodIssueToDrafts(issue, LLMConfigFileSchema, tree),
  );
}

const provider = (fields: Record<string, unknown>) => ({
  llm: { providers: { openai: { type: 'openai', ...fields } } },
});

describe('zodIssueToDrafts', () => {
  it('reports an unknown key with the closest valid key', () => {
    expect(draftsFor(provider({ api_kye: 'x' }))).toEqual([
      {
        path: ['llm', 'providers', 'openai', 'api_kye'],
        message: 'unknown key "api_kye"',
        suggestion: 'api_key',
      },
    ]);
  });

  it('says where a misplaced model setting belongs', () => {
    expect(draftsFor(provider({ supports_vision: true }))[0]?.message).toBe(
      'unknown key "supports_vision" (it is a model setting: put it in [llm.providers.openai.models.<model>])',
    );
  });

  it('describes a wrong type without echoing the value and hints at stray quotes', () => {
    expect(draftsFor(provider({ timeout: '30000' }))).toEqual([
      {
        path: ['llm', 'providers', 'openai', 'timeout'],
        message: 'expected a number, got a string (remove the quotes)',
      },
    ]);
  });

  it('reports a missing required key', () => {
    expect(draftsFor({ llm: { providers: { openai: {} } } })).toEqual([
      { path: ['llm', 'providers', 'openai', 'type'], message: 'is required (a string)' },
    ]);
  });

  it('reports a value outside its range in words', () => {
    expect(draftsFor(provider({ timeout: -5 }))[0]?.message).toBe('must be greater than 0');
    expect(draftsFor(provider({ max_retries: -1 }))[0]?.message).toBe('must not be negative');
    expect(draftsFor(provider({ timeout: 1.5 }))[0]?.message).toBe(
      'must be a whole number, got 1.5',
    );
  });

  it('lists the allowed values of an enum and suggests the closest', () => {
    const tree = {
      llm: {
        providers: {
          openai: {
            type: 'openai',
            models: {
              'gpt-4': { pricing: { unit: 'milion_tokens', input_price: 1, output_price: 1 } },
            },
          },
        },
      },
    };
    expect(draftsFor(tree)).toEqual([
      {
        path: ['llm', 'providers', 'openai', 'models', 'gpt-4', 'pricing', 'unit'],
        message: '"milion_tokens" is not allowed: must be one of "tokens", "million_tokens"',
        suggestion: 'million_tokens',
      },
    ]);
  });

  it('explains that providers are tables keyed by name, not an array', () => {
    expect(draftsFor({ llm: { providers: [{ type: 'openai' }] } })[0]?.message).toBe(
      'expected a table, got an array — write one table per name, e.g. [llm.providers.openai]',
    );
  });

  it('tells to quote an unquoted dotted model key, which TOML splits into nested tables', () => {
    const tree = provider({ models: { 'gpt-3': { '5-turbo': { max_tokens: 4096 } } } });
    expect(draftsFor(tree)).toEqual([
      {
        path: ['llm', 'providers', 'openai', 'models', 'gpt-3', '5-turbo'],
        message:
          'model name gpt-3.5-turbo contains dots and must be quoted: models."gpt-3.5-turbo" (unquoted, TOML reads model "gpt-3" holding a table "5-turbo")',
      },
    ]);
  });

  it('rebuilds a model name with several dots from the nested tables', () => {
    const tree = provider({ models: { qwen2: { '5': { '72b': {} } } } });
    expect(draftsFor(tree)[0]?.message).toMatch(/^model name qwen2\.5\.72b contains dots/);
  });

  it('still suggests the closest key for a misspelled table inside a model', () => {
    const tree = provider({ models: { 'gpt-4o': { pricng: { input_price: 1 } } } });
    expect(draftsFor(tree)).toEqual([
      {
        path: ['llm', 'providers', 'openai', 'models', 'gpt-4o', 'pricng'],
        message: 'unknown key "pricng"',
        suggestion: 'pricing',
      },
    ]);
  });
});
