// Structured logs as a subscriber: one line per notable event, each naming the call it belongs to.
import {
  createSecretScanner,
  truncateUtf8,
  type AttemptEndEvent,
  type AttemptStartEvent,
  type CacheLookupEvent,
  type CallEndEvent,
  type CallStartEvent,
  type SecretScanner,
} from '@llm/core';
import { forEachCost } from './call-costs';
import { callIdOf, subscribe, type TelemetryEventSource } from './event-source';
import type * as Pipeline from './pipeline-event-shapes';

type LogMethod = (fields: Record<string, unknown>, message: string) => void;

/** pino's shape (fields first, message second); a pino instance is one. */
export interface StructuredLogger {
  debug: LogMethod;
  info: LogMethod;
  warn: LogMethod;
  error: LogMethod;
}

/**
 * pino's level check, read off the logger when it has one: a line below the level is then neither
 * built nor scanned. A logger without it is written to at every level and filters itself. (Not a
 * member of StructuredLogger, whose keys are the four log methods.)
 */
type LevelCheck = { isLevelEnabled?: (level: string) => boolean };

export interface LogSubscriberOptions {
  readonly logger: StructuredLogger;
  /** Log each attempt and each call's request and answer (scanned and cut to `maxContentBytes`) at debug level. */
  readonly debug?: boolean;
  /** The configured secrets (API keys), read on every line so a reload's keys are covered. */
  readonly secrets?: () => Iterable<string | undefined>;
  /** The most bytes of message content a debug line carries (default 2048). */
  readonly maxContentBytes?: number;
}

const DEFAULT_CONTENT_BYTES = 2048;

type LogLevelName = 'debug' | 'info' | 'warn' | 'error';

function ids(event: { call_id?: string; callId?: string; request_id?: string }) {
  const call_id = callIdOf(event);
  return {
    ...(call_id === undefined ? {} : { call_id }),
    ...(event.request_id === undefined || event.request_id === call_id
      ? {}
      : { request_id: event.request_id }),
  };
}

function defined(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

/**
 * Writes one log line per retry, fallback, circuit change, rate-limit wait, budget warning, failed
 * call, timeout and config reload (a rejected config is logged by the config manager itself), with the call's id, provider, model and attempt; with `debug`, one
 * line per attempt and the call's request and answer too. Every line passes the secret scanner.
 * Returns what stops it.
 */
export function subscribeLogs(
  source: TelemetryEventSource,
  options: LogSubscriberOptions,
): () => void {
  // The configured secrets are read once per line (a reload's keys are covered from the next line
  // on), not once per string of it: reading them walks the whole config.
  const readSecrets = options.secrets ?? (() => []);
  let lineSecrets: Iterable<string | undefined> = [];
  const scanner: SecretScanner = createSecretScanner(() => lineSecrets);
  const maxBytes = options.maxContentBytes ?? DEFAULT_CONTENT_BYTES;
  const logger = options.logger;
  const levelCheck = logger as StructuredLogger & LevelCheck;
  const enabled = (level: LogLevelName) =>
    typeof levelCheck.isLevelEnabled !== 'function' || levelCheck.isLevelEnabled(level);
  const write = (level: LogLevelName, fields: Record<string, unknown>, message: string) => {
    lineSecrets = [...readSecrets()];
    try {
      logger[level](scanner.value(defined(fields)), scanner.text(message));
    } finally {
      lineSecrets = [];
    }
  };
  // Content is scanned before it is cut: a key cut in half would no longer be recognised.
  const content = (value: unknown) =>
    truncateUtf8(
      typeof value === 'string' ? value : (JSON.stringify(scanner.value(value)) ?? ''),
      maxBytes,
    );
  const listeners: Record<string, (payload: never) => void> = {
    retry: (event: Pipeline.RetryEvent) =>
      enabled('info') &&
      write(
        'info',
        {
          ...ids(event),
          event: 'retry',
          provider: event.provider,
          model: event.model,
          attempt: event.attempt,
          delay_ms: event.delayMs,
          error_type: event.error?.type,
          status: event.error?.statusCode,
        },
        `retrying ${event.provider}${event.model ? `/${event.model}` : ''} after ${event.error?.type ?? 'an error'}`,
      ),
    fallback: (event: Pipeline.FallbackEvent) =>
      enabled('info') &&
      write(
        'info',
        {
          ...ids(event),
          event: 'fallback',
          from: event.from,
          to: event.to,
          attempt: event.attempt,
          error_type: event.errorType,
        },
        `falling back from ${event.from} to ${event.to}`,
      ),
    'breaker-state': (event: Pipeline.BreakerStateEvent) => {
      const level = event.to === 'open' ? 'warn' : 'info';
      if (!enabled(level)) return;
      write(
        level,
        {
          event: 'breaker-state',
          provider: event.provider,
          model: event.model,
          from: event.from,
          to: event.to,
          reason: event.reason,
        },
        `circuit of ${event.provider}${event.model ? `/${event.model}` : ''} is ${event.to}`,
      );
    },
    'rate-limited': (event: Pipeline.RateLimitedEvent) => {
      const level = event.rejected ? 'warn' : 'info';
      if (!enabled(level)) return;
      write(
        level,
        {
          ...ids(event),
          event: 'rate-limited',
          provider: event.provider,
          model: event.model,
          limit: event.limit,
          wait_ms: event.waitMs,
          rejected: event.rejected,
        },
        event.rejected
          ? `rate limit of ${event.provider} refused a call`
          : `waiting ${event.waitMs ?? 0} ms for the rate limit of ${event.provider}`,
      );
    },
    timeout: (event: Record<string, unknown> & Pipeline.RetryEvent) =>
      enabled('info') &&
      write(
        'info',
        { ...ids(event), ...event, callId: undefined, event: 'timeout' },
        `${String(event['kind'] ?? 'call')} timeout of ${event.provider}`,
      ),
    'budget-warning': (status: Record<string, unknown>) =>
      enabled('warn') &&
      write('warn', { event: 'budget-warning', ...status }, 'a warn budget is exceeded'),
    'ledger-degraded': (problem: Record<string, unknown>) =>
      enabled('warn') &&
      write('warn', { event: 'ledger-degraded', ...problem }, 'the usage ledger cannot be written'),
    'config-change': (change: Record<string, unknown>) =>
      enabled('info') &&
      write('info', { event: 'config-change', ...change }, 'configuration reloaded'),
    'call-end': (event: CallEndEvent) => {
      const success = event.outcome === 'success';
      const level = success ? 'debug' : event.outcome === 'aborted' ? 'info' : 'error';
      // A successful call is a debug line: at the default level it is dropped here, before any work.
      if (!enabled(level)) return;
      const fields: Record<string, unknown> = {
        ...ids(event),
        event: 'call-end',
        operation: event.operation,
        stream: event.stream,
        provider: event.provider,
        model: event.model,
        outcome: event.outcome,
        attempts: event.attempts,
        duration_ms: event.duration_ms,
        ttfc_ms: event.ttfc_ms,
        cache_hit: event.cache_hit,
        prompt_tokens: event.usage?.prompt_tokens,
        completion_tokens: event.usage?.completion_tokens,
      };
      let costs: Array<{ currency: string; amount: string | number }> | undefined;
      forEachCost(event, (currency, amount) => (costs ??= []).push({ currency, amount }));
      if (costs?.length === 1) {
        fields['cost'] = costs[0]!.amount;
        fields['currency'] = costs[0]!.currency;
      } else if (costs !== undefined) fields['costs'] = costs;
      if (success) {
        if (options.debug && event.content !== undefined)
          fields['content'] = content(event.content);
        write(level, fields, 'call finished');
      } else {
        fields['error_message'] = event.error_message;
        write(level, fields, `call failed: ${event.outcome}`);
      }
    },
  };
  if (options.debug) {
    Object.assign(listeners, {
      'call-start': (event: CallStartEvent) =>
        enabled('debug') &&
        write(
          'debug',
          {
            ...ids(event),
            event: 'call-start',
            operation: event.operation,
            stream: event.stream,
            provider: event.provider,
            model: event.model,
            request: event.request === undefined ? undefined : content(event.request),
          },
          'call started',
        ),
      // One line per provider request: the request as it went to that provider, and its answer.
      'attempt-start': (event: AttemptStartEvent) =>
        enabled('debug') &&
        write(
          'debug',
          {
            ...ids(event),
            event: 'attempt-start',
            provider: event.provider,
            model: event.model,
            attempt: event.attempt,
            request: event.request === undefined ? undefined : content(event.request),
          },
          `attempt ${event.attempt} to ${event.provider}/${event.model}`,
        ),
      'attempt-end': (event: AttemptEndEvent) =>
        enabled('debug') &&
        write(
          'debug',
          {
            ...ids(event),
            event: 'attempt-end',
            provider: event.provider,
            model: event.model,
            attempt: event.attempt,
            outcome: event.outcome,
            duration_ms: event.duration_ms,
            status: event.status,
            error_type: event.error_type,
            ttfc_ms: event.ttfc_ms,
            response: event.response === undefined ? undefined : content(event.response),
          },
          `attempt ${event.attempt} ended: ${event.outcome}`,
        ),
      'cache-hit': (event: CacheLookupEvent) =>
        enabled('debug') &&
        write('debug', { ...ids(event), event: 'cache-hit', ...event }, 'answered from the cache'),
      'cache-miss': (event: CacheLookupEvent) =>
        enabled('debug') &&
        write('debug', { ...ids(event), event: 'cache-miss', ...event }, 'not in the cache'),
    });
  }
  return subscribe(source, listeners);
}
