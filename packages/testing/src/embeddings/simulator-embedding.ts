import { createHash } from 'node:crypto';

/**
 * The simulator's embedding of a text: a unit vector derived from SHA-256 hashes of the text, each
 * value rounded to float32 so the float and base64 encodings decode to the same numbers.
 */
export function simulatorEmbedding(text: string, dimensions = 8): number[] {
  const raw: number[] = [];
  for (let block = 0; raw.length < dimensions; block += 1) {
    const digest = createHash('sha256').update(`${block}:${text}`).digest();
    for (let offset = 0; offset + 4 <= digest.length && raw.length < dimensions; offset += 4) {
      raw.push((digest.readUInt32LE(offset) / 0xffffffff) * 2 - 1);
    }
  }
  const length = Math.hypot(...raw) || 1;
  return raw.map((value) => Math.fround(value / length));
}

/** Little-endian float32, base64-encoded: the `encoding_format: "base64"` wire form. */
export function encodeEmbeddingBase64(vector: readonly number[]): string {
  const buffer = Buffer.alloc(vector.length * 4);
  vector.forEach((value, index) => buffer.writeFloatLE(value, index * 4));
  return buffer.toString('base64');
}
