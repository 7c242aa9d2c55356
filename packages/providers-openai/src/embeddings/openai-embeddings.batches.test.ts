import { describe, expect, it } from 'vitest';
import { splitIntoBatches } from './openai-embeddings';

describe('splitIntoBatches', () => {
  it('cuts consecutive slices of at most the batch size, in order', () => {
    expect(splitIntoBatches(['a', 'b', 'c', 'd', 'e'], 2)).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
  });

  it('keeps a list that fits in one batch whole', () => {
    expect(splitIntoBatches(['a', 'b'], 2048)).toEqual([['a', 'b']]);
  });

  it('rejects a batch size below one', () => {
    expect(() => splitIntoBatches(['a'], 0)).toThrow(RangeError);
  });
});
