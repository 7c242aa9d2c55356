// Helpers for tests written against the simulator (ours and other packages'): what a stream
// delivered before it failed, and what a logger was given.

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

export interface RecordedLogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  fields?: Readonly<Record<string, unknown>>;
}

type LogMethod = (message: string, fields?: Readonly<Record<string, unknown>>) => void;

/** A logger (the shape of @llm/core's Logger) that keeps every line, for asserting what was logged. */
export function recordingLogger(): {
  lines: RecordedLogLine[];
  debug: LogMethod;
  info: LogMethod;
  warn: LogMethod;
  error: LogMethod;
} {
  const lines: RecordedLogLine[] = [];
  const at =
    (level: RecordedLogLine['level']): LogMethod =>
    (message, fields) =>
      void lines.push({ level, message, fields });
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/**
 * A deterministic [0, 1) source (mulberry32): the same seed gives the same sequence, so jitter,
 * weighted picks and distribution checks in tests cannot flake.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}
