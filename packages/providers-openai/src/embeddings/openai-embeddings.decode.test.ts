import { describe, expect, it } from 'vitest';
import { readWireJson } from '../__tests__/wire';
import { decodeEmbedding } from './openai-embeddings';

function toBase64Float32(values: number[]): string {
  const buffer = Buffer.alloc(values.length * 4);
  values.forEach((value, index) => buffer.writeFloatLE(value, index * 4));
  return buffer.toString('base64');
}

describe('decodeEmbedding', () => {
  it('passes a float array through', () => {
    const recorded = readWireJson<{ data: Array<{ embedding: number[] }> }>(
      'openai/embeddings-float.json',
    ).data[0]!.embedding;
    expect(decodeEmbedding(recorded)).toEqual(recorded);
  });

  it('reads base64 as little-endian float32', () => {
    const values = readWireJson<{ data: Array<{ embedding: number[] }> }>(
      'openai/embeddings-float.json',
    ).data[1]!.embedding;
    const decoded = decodeEmbedding(toBase64Float32(values));
    expect(decoded).toEqual(values.map((value) => Math.fround(value)));
  });

  it('refuses base64 that does not hold whole float32 values', () => {
    expect(() => decodeEmbedding(Buffer.from([1, 2, 3]).toString('base64'))).toThrow(SyntaxError);
  });

  it('refuses a value that is neither a list nor a string', () => {
    expect(() => decodeEmbedding({ vector: [] })).toThrow(/base64 string/);
  });
});
