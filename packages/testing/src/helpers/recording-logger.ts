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
