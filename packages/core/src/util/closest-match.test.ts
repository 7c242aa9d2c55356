import { describe, expect, it } from 'vitest';
import { closestMatch, closestMatches, editDistance } from './closest-match';

describe('editDistance', () => {
  it('counts an adjacent transposition as one edit', () => {
    expect(editDistance('api_kye', 'api_key')).toBe(1);
  });

  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('timout', 'timeout')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });
});

describe('closestMatch', () => {
  const keys = ['api_key', 'base_url', 'timeout', 'max_retries', 'models', 'enabled'];

  it('suggests the key a typo most probably meant', () => {
    expect(closestMatch('api_kye', keys)).toBe('api_key');
    expect(closestMatch('timout', keys)).toBe('timeout');
    expect(closestMatch('max_retry', keys)).toBe('max_retries');
  });

  it('ignores case', () => {
    expect(closestMatch('Enabled', keys)).toBe('enabled');
  });

  it('suggests nothing for an unrelated word', () => {
    expect(closestMatch('colour', keys)).toBeUndefined();
    expect(closestMatch('x', keys)).toBeUndefined();
  });
});

describe('closestMatches', () => {
  it('lists the close candidates closest first, at most the limit, and none when nothing is close', () => {
    const models = ['gpt-4o', 'gpt-4o-mini', 'gpt-4', 'claude-haiku'];
    expect(closestMatches('gpt-4p', models)).toEqual(['gpt-4o', 'gpt-4']);
    expect(closestMatches('gpt-4p', models, 1)).toEqual(['gpt-4o']);
    expect(closestMatches('mistral', models)).toEqual([]);
  });
});
