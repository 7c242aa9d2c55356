/**
 * One embedding as numbers: float arrays pass through; base64 (what `encoding_format: 'base64'`
 * returns) is read as little-endian float32, the wire format OpenAI documents.
 */
export function decodeEmbedding(value: unknown): number[] {
  if (Array.isArray(value)) return value.map(Number);
  if (typeof value !== 'string')
    throw new SyntaxError(
      `An embedding must be a list of numbers or a base64 string, got ${typeof value}`,
    );
  const bytes = Buffer.from(value, 'base64');
  if (bytes.length % 4 !== 0)
    throw new SyntaxError(
      `A base64 embedding must hold whole float32 values, got ${bytes.length} bytes`,
    );
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Array.from({ length: bytes.length / 4 }, (_, index) => view.getFloat32(index * 4, true));
}
