import { describe, expect, it } from 'vitest';
import { simulatorTokenCount } from './simulator-token-count';

describe('simulatorTokenCount', () => {
  it('counts the empty string as zero tokens', () => {
    expect(simulatorTokenCount('')).toBe(0);
  });

  it.each([
    ['a', 1],
    ['abcd', 1],
    ['abcde', 2],
    ['hello world!', 3],
  ])('counts %j as one token per 4 characters, rounded up (%i)', (text, tokens) => {
    expect(simulatorTokenCount(text)).toBe(tokens);
  });

  it('counts code points, so an emoji is one character', () => {
    expect(simulatorTokenCount('😀😀😀😀')).toBe(1);
  });
});
