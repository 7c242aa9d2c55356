// Which logger the manager writes to, at which level, and whether debug mode is on: one place for
// `logger` / `debug` options, `LLM_LOG_LEVEL` / `LLM_DEBUG` and `[llm.logging] level`. Nothing
// here loads `@llm/telemetry` (and with it pino) at import: the log subscriber loads it on the
// first event it writes about, the default pino logger is created on its first line at or above
// its level.
import { createSecretScanner, type LogFields, type Logger } from '@llm/core';
import type * as TelemetryModule from '@llm/telemetry';
import type { LogLevel, StructuredLogger } from '@llm/telemetry';

type Telemetry = typeof TelemetryModule;

let loading: Promise<Telemetry> | undefined;
let loaded: Telemetry | undefined;

/** Loads `@llm/telemetry` once; later calls share the first load. */
export function loadTelemetry(): Promise<Telemetry> {
  loading ??= import('@llm/telemetry').then((module) => (loaded = module));
  return loading;
}

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
  /** Resolves once every line written so far has reached its logger (the default one loads lazily). */
  flush(): Promise<void>;
  /** Whether a line at `level` is written now (true for a logger that cannot tell). */
  writes(level: Method): boolean;
}

// pino's level numbers: a line is written when its level's number is at least the logger's.
const LEVEL_VALUES: Readonly<Record<LogLevel, number>> = {
  trace: 10,
  debug: 20,
  info: 30,
  warn: 40,
  error: 50,
  fatal: 60,
  silent: Number.POSITIVE_INFINITY,
};

function isLevel(value: string): value is LogLevel {
  return Object.hasOwn(LEVEL_VALUES, value);
}

type Method = 'debug' | 'info' | 'warn' | 'error';

/** Whether the caller's logger writes `level`: pino's `isLevelEnabled`, else its `level`, else yes. */
function givenWrites(logger: Logger | PinoLikeLogger, level: Method): boolean {
  const shaped = logger as { isLevelEnabled?: unknown; level?: unknown };
  if (typeof shaped.isLevelEnabled === 'function')
    return (shaped.isLevelEnabled as (level: string) => boolean).call(logger, level);
  if (typeof shaped.level === 'string' && isLevel(shaped.level))
    return LEVEL_VALUES[level] >= LEVEL_VALUES[shaped.level];
  return true;
}

function truthy(value: string | undefined): boolean {
  return value !== undefined && ['1', 'true', 'yes', 'on'].includes(value.toLowerCase());
}

/**
 * The default logger (pino on stderr), created on the first line at or above `level`: until then
 * no pino exists, and a manager that never logs never loads it. Lines written while telemetry
 * loads are kept and written in order once it has.
 */
class LazyDefaultLogger implements StructuredLogger {
  private pino: (StructuredLogger & { level: string }) | undefined;
  private readonly pending: Array<[Method, Record<string, unknown>, string]> = [];
  private waiting: Promise<void> | undefined;

  constructor(public level: LogLevel) {}

  debug = (fields: Record<string, unknown>, message: string) =>
    this.write('debug', fields, message);
  info = (fields: Record<string, unknown>, message: string) => this.write('info', fields, message);
  warn = (fields: Record<string, unknown>, message: string) => this.write('warn', fields, message);
  error = (fields: Record<string, unknown>, message: string) =>
    this.write('error', fields, message);

  flush(): Promise<void> {
    return this.waiting ?? Promise.resolve();
  }

  private write(method: Method, fields: Record<string, unknown>, message: string): void {
    if (LEVEL_VALUES[method] < LEVEL_VALUES[this.level]) return;
    const pino = this.created();
    if (pino) {
      pino.level = this.level;
      pino[method](fields, message);
      return;
    }
    this.pending.push([method, fields, message]);
    this.waiting ??= loadTelemetry().then(() => {
      const ready = this.created()!;
      ready.level = this.level;
      for (const [level, held, text] of this.pending.splice(0)) ready[level](held, text);
      this.waiting = undefined;
    });
  }

  private created() {
    if (!this.pino && loaded) this.pino = loaded.createDefaultLogger({ level: this.level });
    return this.pino;
  }
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
    environmentLevel !== undefined && isLevel(environmentLevel) ? environmentLevel : undefined;
  let secrets: () => Iterable<string | undefined> = () => [];
  const scanner = createSecretScanner(() => secrets());
  const given = options.logger;
  const defaultLogger =
    given === undefined
      ? new LazyDefaultLogger(forcedLevel ?? (debug ? 'debug' : 'warn'))
      : undefined;
  const structured: StructuredLogger =
    defaultLogger ??
    (isPinoLike(given!)
      ? given
      : {
          debug: (fields, message) => given!.debug(message, fields),
          info: (fields, message) => given!.info(message, fields),
          warn: (fields, message) => given!.warn(message, fields),
          error: (fields, message) => given!.error(message, fields),
        });
  const writes = (level: Method): boolean =>
    defaultLogger
      ? LEVEL_VALUES[level] >= LEVEL_VALUES[defaultLogger.level]
      : givenWrites(given!, level);
  // A line below the level is neither scanned nor copied.
  const forward =
    (level: Method) =>
    (message: string, fields?: LogFields): void => {
      if (writes(level)) structured[level](scanner.value({ ...fields }), scanner.text(message));
    };
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
      if (!defaultLogger || forcedLevel !== undefined) return;
      defaultLogger.level =
        level !== undefined && isLevel(level) ? level : debug ? 'debug' : 'warn';
    },
    useSecrets(next) {
      secrets = next;
    },
    flush: () => defaultLogger?.flush() ?? Promise.resolve(),
    writes,
  };
}

/** The events the log subscriber may write a line about (`debug` adds the per-attempt ones). */
const LOGGED_EVENTS = [
  'retry',
  'fallback',
  'breaker-state',
  'rate-limited',
  'timeout',
  'budget-warning',
  'ledger-degraded',
  'config-change',
  'call-end',
] as const;
const DEBUG_EVENTS = ['call-start', 'attempt-start', 'attempt-end', 'cache-hit', 'cache-miss'];

interface EventSource {
  on(event: string, listener: (payload: unknown) => void): unknown;
  off(event: string, listener: (payload: unknown) => void): unknown;
}

/** The manager's log subscriber, as `subscribeLogsLazily` returns it. */
export interface LogSubscription {
  /** Stops it: no further event reaches the logger. */
  stop(): void;
  /**
   * How many of the `call-end` listeners drop an answered call unread: 1 while this subscriber
   * listens below `debug` (an answered call's line is a debug line), else 0. The call session
   * builds an answered call's `call-end` only when some other listener is left.
   */
  dropsAnsweredCallEnd(): number;
}

/**
 * `@llm/telemetry`'s log subscriber on `source`, loaded on the first event it may write about:
 * the events that arrive while it loads are handed to it in order once it has.
 */
export function subscribeLogsLazily(
  source: EventSource,
  options: {
    logging: ManagerLogging;
    secrets: () => Iterable<string | undefined>;
    maxContentBytes: number | undefined;
  },
): LogSubscription {
  const names = options.logging.debug ? [...LOGGED_EVENTS, ...DEBUG_EVENTS] : [...LOGGED_EVENTS];
  const relay = new Map<string, Set<(payload: unknown) => void>>();
  const held: Array<[string, unknown]> = [];
  let stopped = false;
  const dropsAnswered = () => !options.logging.writes('debug');
  let stopSubscriber: (() => void) | undefined;
  const deliver = (name: string, payload: unknown) => {
    for (const listener of relay.get(name) ?? []) listener(payload);
  };
  const attach = (telemetry: Telemetry) => {
    if (stopped || stopSubscriber) return;
    stopSubscriber = telemetry.subscribeLogs(
      {
        on: (name: string, listener: (payload: unknown) => void) => {
          if (!relay.has(name)) relay.set(name, new Set());
          relay.get(name)!.add(listener);
        },
        off: (name: string, listener: (payload: unknown) => void) => {
          relay.get(name)?.delete(listener);
        },
      },
      {
        logger: options.logging.structured,
        debug: options.logging.debug,
        secrets: options.secrets,
        maxContentBytes: options.maxContentBytes,
      },
    );
    for (const [name, payload] of held.splice(0)) deliver(name, payload);
  };
  const listeners = names.map((name) => {
    const listener = (payload: unknown) => {
      // An answered call's line is a debug line: below debug it is never built (nor scanned).
      if (
        name === 'call-end' &&
        (payload as { outcome?: string }).outcome === 'success' &&
        dropsAnswered()
      )
        return;
      if (stopSubscriber) return deliver(name, payload);
      held.push([name, payload]);
      void loadTelemetry().then(attach);
    };
    source.on(name, listener);
    return [name, listener] as const;
  });
  if (loaded) attach(loaded);
  return {
    stop: () => {
      stopped = true;
      stopSubscriber?.();
      for (const [name, listener] of listeners) source.off(name, listener);
    },
    dropsAnsweredCallEnd: () => (!stopped && dropsAnswered() ? 1 : 0),
  };
}
