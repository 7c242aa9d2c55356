// The logger the manager uses when the application gives none: pino, JSON lines on stderr.
import {
  destination,
  pino,
  type DestinationStream,
  type Level,
  type Logger as PinoLogger,
} from 'pino';

/** The levels `LLM_LOG_LEVEL` and `[llm.logging] level` accept, quietest last. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Paths pino censors before a line is written, whatever our scanner missed: keys and secret
 * headers anywhere a log object may carry a provider config or an HTTP request.
 */
export const REDACTED_LOG_PATHS: readonly string[] = [
  'api_key',
  'api_keys',
  'apiKey',
  'authorization',
  'headers.authorization',
  'headers["x-api-key"]',
  'headers["api-key"]',
  '*.api_key',
  '*.api_keys',
  '*.apiKey',
  '*.authorization',
  '*.headers.authorization',
  '*.headers["x-api-key"]',
  '*.headers["api-key"]',
  'providers[*].api_key',
  'config.providers[*].api_key',
];

export interface DefaultLoggerOptions {
  /** Default `warn`. */
  readonly level?: LogLevel;
  /** Where lines go (default stderr, written synchronously so a crash loses none). */
  readonly destination?: DestinationStream;
}

/** A pino logger at `warn` on stderr, with the toolkit's redaction paths. */
export function createDefaultLogger(options: DefaultLoggerOptions = {}): PinoLogger {
  return pino(
    {
      name: 'llm',
      level: options.level ?? 'warn',
      redact: { paths: [...REDACTED_LOG_PATHS], censor: '***' },
    },
    options.destination ?? destination({ fd: 2, sync: true }),
  );
}

/** True for a level name pino knows. */
export function isLogLevel(value: string): value is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(value);
}

export type { Level };
