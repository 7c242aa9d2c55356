import { describe, expect, it } from 'vitest';
import { CatalogIdIndex } from './resolve-catalog-id';

const index = new CatalogIdIndex(
  new Set([
    'gpt-4o',
    'gpt-4o-2024-08-06',
    'azure/gpt-4o',
    'claude-sonnet-4-20250514',
    'claude-opus-4-20250514',
    'claude-opus-4-1-20250805',
    'anthropic.claude-3-haiku-20240307-v1:0',
    'deepseek/deepseek-chat',
    'vertex_ai/claude-3-5-haiku@20241022',
    'Qwen-Max',
  ]),
);

describe('CatalogIdIndex.resolve', () => {
  it.each([
    ['gpt-4o', undefined, 'gpt-4o', 'exact'],
    ['gpt-4o-2024-08-06', undefined, 'gpt-4o-2024-08-06', 'exact'],
    ['gpt-4o', 'azure', 'azure/gpt-4o', 'provider_prefixed'],
    ['gpt-4o', 'openai', 'gpt-4o', 'exact'],
    ['deepseek-chat', 'deepseek', 'deepseek/deepseek-chat', 'provider_prefixed'],
    ['openai/gpt-4o', undefined, 'gpt-4o', 'prefix_removed'],
    ['azure/gpt-4o', undefined, 'azure/gpt-4o', 'exact'],
    [
      'bedrock/anthropic.claude-3-haiku-20240307-v1:0',
      undefined,
      'anthropic.claude-3-haiku-20240307-v1:0',
      'prefix_removed',
    ],
    ['GPT-4O', undefined, 'gpt-4o', 'case_insensitive'],
    ['qwen-max', undefined, 'Qwen-Max', 'case_insensitive'],
    ['gpt-4o-2099-01-01', undefined, 'gpt-4o', 'undated_alias'],
    ['claude-sonnet-4', 'claude', 'claude-sonnet-4-20250514', 'newest_snapshot'],
    ['claude-opus-4', undefined, 'claude-opus-4-20250514', 'newest_snapshot'],
    [
      'vertex_ai/claude-3-5-haiku',
      undefined,
      'vertex_ai/claude-3-5-haiku@20241022',
      'newest_snapshot',
    ],
    ['gpt-4o-latest', undefined, 'gpt-4o', 'latest_alias'],
  ])('resolves %s (provider %s) to %s by the %s rule', (model, provider, id, rule) => {
    expect(index.resolve(model, provider)).toEqual({ id, matchedBy: rule });
  });

  it('finds nothing for a model the catalog does not know', () => {
    expect(index.resolve('my-private-model')).toBeUndefined();
    expect(index.resolve('gpt-9-2099-01-01')).toBeUndefined();
  });
});
