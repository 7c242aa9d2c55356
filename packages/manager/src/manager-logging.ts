// Which logger the manager writes to, at which level, and whether debug mode is on: one place for
// `logger` / `debug` options, `LLM_LOG_LEVEL` / `LLM_DEBUG` and `[llm.logging] level`.
import { createSecretScanner, type LogFields, type Logger } from '@llm/core';
import {
  createDefaultLogger,
  isLogLevel,
  type LogLevel,
  type StructuredLogger,
} from '@llm/telemetry';

/** pino's shape: fields first, message second, and `child` for bound fields. */
export interface PinoLikeLogger extends StructuredLogger {
  child(bindings: Record<string, unknown>): PinoLikeLogger;
}

/** True for a logger with pino's shape (it has `child`); otherwise it is the toolkit's `Logger`. */
export function isPinoLike(logger: Logger | PinoLikeLogger): logger is PinoLikeLogger {
  return typeof (logger as Partial<PinoLikeLogger>).child === 'function';
}

export interface ManagerLogging {
  /** What the packages below the manager write to (message first), secrets scanned out. */
  readonly logger: Logger;
  /** What the log subscriber writes to (fields first). */
  readonly structured: StructuredLogger;
  readonly debug: boolean;
  /** Applies `[llm.logging] level` of a (re)loaded config to the default logger; a no-op for the caller's logger or under `LLM_LOG_LEVEL`. */
  applyConfigLevel(level: string | undefined): void;
  /** Points the secret scanner at the current config's keys. */
  useSecrets(secrets: () => Iterable<string | undefined>): void;
}

function truthy(value: string | undefined): boolean {
  return value !== undefined && ['1', 'true', 'yes', 'on'].includes(value.toLowerCase());
}

/**
 * The caller's logger (either shape) or a pino logger on stderr at `warn`; `LLM_LOG_LEVEL` wins over
 * `[llm.logging] level`; debug mode (`debug: true` or `LLM_DEBUG=1`) lowers the default to `debug`.
 */
export function resolveManagerLogging(options: {
  logger?: Logger | PinoLikeLogger;
  debug?: boolean;
  env: Record<string, string | undefined>;
}): ManagerLogging {
  const debug = options.debug ?? truthy(options.env['LLM_DEBUG']);
  const environmentLevel = options.env['LLM_LOG_LEVEL']?.toLowerCase();
  const forcedLevel =
    environmentLevel !== undefined && isLogLevel(environmentLevel) ? environmentLevel : undefined;
  let secrets: () => Iterable<string | undefined> = () => [];
  const scanner = createSecretScanner(() => secrets());
  const given = options.logger;
  const pinoLogger =
    given === undefined
      ? createDefaultLogger({ level: forcedLevel ?? (debug ? 'debug' : 'warn') })
      : undefined;
  const structured: StructuredLogger =
    pinoLogger ??
    (isPinoLike(given!)
      ? given
      : {
          debug: (fields, message) => given!.debug(message, fields),
          info: (fields, message) => given!.info(message, fields),
          warn: (fields, message) => given!.warn(message, fields),
          error: (fields, message) => given!.error(message, fields),
        });
  const forward =
    (level: keyof StructuredLogger) =>
    (message: string, fields?: LogFields): void =>
      structured[level](scanner.value({ ...fields }), scanner.text(message));
  const logger: Logger =
    given !== undefined && !isPinoLike(given)
      ? given
      : {
          debug: forward('debug'),
          info: forward('info'),
          warn: forward('warn'),
          error: forward('error'),
        };
  return {
    logger,
    structured,
    debug,
    applyConfigLevel(level) {
      if (!pinoLogger || forcedLevel !== undefined) return;
      const wanted: LogLevel =
        level !== undefined && isLogLevel(level) ? level : debug ? 'debug' : 'warn';
      pinoLogger.level = wanted;
    },
    useSecrets(next) {
      secrets = next;
    },
  };
}
