import { describe, expect, it } from 'vitest';
import { composeMergePatches, diffAsMergePatch, patchLeafPaths } from './merge-patch';

describe('composeMergePatches', () => {
  it('merges tables and keeps nulls', () => {
    expect(composeMergePatches({ a: { b: 1, c: 2 } }, { a: { c: null, d: 3 } })).toEqual({
      a: { b: 1, c: null, d: 3 },
    });
  });

  it('lets a later value replace an earlier null', () => {
    expect(
      composeMergePatches(
        { providers: { openai: null } },
        { providers: { openai: { type: 'openai' } } },
      ),
    ).toEqual({
      providers: { openai: { type: 'openai' } },
    });
  });
});

describe('diffAsMergePatch', () => {
  it('is empty for equal trees', () => {
    expect(diffAsMergePatch({ a: 1, b: { c: [1, 2] } }, { a: 1, b: { c: [1, 2] } })).toEqual({});
  });

  it('sets changed values, nulls removed keys and recurses into tables', () => {
    expect(
      diffAsMergePatch({ a: 1, b: { c: 1, d: 2 }, e: 5 }, { a: 2, b: { c: 1 }, f: [1] }),
    ).toEqual({ a: 2, b: { d: null }, e: null, f: [1] });
  });
});

describe('patchLeafPaths', () => {
  it('lists the paths a patch sets or removes', () => {
    expect(
      patchLeafPaths({ llm: { providers: { openai: { timeout: 1, api_key: null } } } }),
    ).toEqual([
      ['llm', 'providers', 'openai', 'timeout'],
      ['llm', 'providers', 'openai', 'api_key'],
    ]);
  });
});
