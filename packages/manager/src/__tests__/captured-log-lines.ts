import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';

/** A real pino logger writing JSON lines into memory, and the lines it wrote. */
export function capturedPino(level = 'info'): {
  logger: Logger;
  lines: string[];
  parsed: () => Array<Record<string, unknown>>;
} {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line !== '') lines.push(line);
      done();
    },
  });
  const logger = pino({ level }, destination);
  return {
    logger,
    lines,
    parsed: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
