import { describe, expect, it } from 'vitest';
import { omitKeys } from './omit-keys';

describe('omitKeys', () => {
  it('copies every other key, leaving the original as it was', () => {
    const value = { a: 1, b: 'two', c: undefined, d: { nested: true } };
    const copy = omitKeys(value, new Set(['b']));
    expect(copy).toEqual({ a: 1, c: undefined, d: { nested: true } });
    expect(Object.keys(copy)).toEqual(['a', 'c', 'd']);
    expect(copy.d).toBe(value.d);
    expect(value).toEqual({ a: 1, b: 'two', c: undefined, d: { nested: true } });
  });

  it('gives an empty object when every key is omitted', () => {
    expect(omitKeys({ a: 1 }, new Set(['a', 'z']))).toEqual({});
  });
});
