/** Every item of an async iterable (a stream's chunks) and the error that ended it, if any. */
export async function drain<T>(
  stream: AsyncIterable<T>,
): Promise<{ chunks: T[]; error?: unknown }> {
  const chunks: T[] = [];
  try {
    for await (const chunk of stream) chunks.push(chunk);
    return { chunks };
  } catch (error) {
    return { chunks, error };
  }
}
