import { describe, expect, it } from 'vitest';
import { encodeEmbeddingBase64, simulatorEmbedding } from './embeddings';

describe('simulatorEmbedding', () => {
  it('gives the same vector for the same text', () => {
    expect(simulatorEmbedding('hello', 16)).toEqual(simulatorEmbedding('hello', 16));
  });

  it('gives different vectors for different texts', () => {
    expect(simulatorEmbedding('hello')).not.toEqual(simulatorEmbedding('hullo'));
  });

  it('has the asked number of dimensions, 8 by default', () => {
    expect(simulatorEmbedding('a')).toHaveLength(8);
    expect(simulatorEmbedding('a', 1536)).toHaveLength(1536);
  });

  it('is a unit vector', () => {
    const length = Math.hypot(...simulatorEmbedding('unit', 64));
    expect(length).toBeCloseTo(1, 5);
  });

  it('holds float32 values, so base64 decodes to the same numbers', () => {
    const vector = simulatorEmbedding('exact', 12);
    const bytes = Buffer.from(encodeEmbeddingBase64(vector), 'base64');
    const decoded = Array.from({ length: vector.length }, (_, index) =>
      bytes.readFloatLE(index * 4),
    );
    expect(decoded).toEqual(vector);
  });
});
