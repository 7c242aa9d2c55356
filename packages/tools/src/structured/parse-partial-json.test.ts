import { describe, expect, it } from 'vitest';
import { parsePartialJson } from './parse-partial-json';

describe('parsePartialJson', () => {
  it.each([
    ['', undefined],
    ['{', {}],
    ['{"name":"Ad', { name: 'Ad' }],
    ['{"name":"Ada","a', { name: 'Ada' }],
    ['{"name":"Ada","age":', { name: 'Ada' }],
    ['{"name":"Ada","age":3', { name: 'Ada', age: 3 }],
    ['{"tags":["a",', { tags: ['a'] }],
    ['{"tags":["a","b"],"ok":tr', { tags: ['a', 'b'] }],
    ['{"quote":"say \\"hi', { quote: 'say "hi' }],
    ['[1, 2', [1, 2]],
    ['{"a":{"b":[{"c":1}', { a: { b: [{ c: 1 }] } }],
    ['{"done":true}', { done: true }],
    ['nonsense', undefined],
  ])('reads %j as %j', (text, expected) => {
    expect(parsePartialJson(text)).toEqual(expected);
  });
});
