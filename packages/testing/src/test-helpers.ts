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
