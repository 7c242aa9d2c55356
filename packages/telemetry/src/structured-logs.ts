// Structured logs as a subscriber: one line per notable event, each naming the call it belongs to.
import { createSecretScanner, truncateUtf8, type SecretScanner } from '@llm/core';
import {
  callIdOf,
  subscribe,
  type AttemptEndEvent,
  type AttemptStartEvent,
  type BreakerStateEvent,
  type CacheEvent,
  type CallEndEvent,
  type CallStartEvent,
  type FallbackEvent,
  type RateLimitedEvent,
  type RetryEvent,
  type TelemetryEventSource,
} from './manager-event-shapes';

type LogMethod = (fields: Record<string, unknown>, message: string) => void;

/** pino's shape (fields first, message second); a pino instance is one. */
export interface StructuredLogger {
  debug: LogMethod;
  info: LogMethod;
  warn: LogMethod;
  error: LogMethod;
}

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
  const scanner: SecretScanner = createSecretScanner(options.secrets);
  const maxBytes = options.maxContentBytes ?? DEFAULT_CONTENT_BYTES;
  const write = (level: keyof StructuredLogger, fields: Record<string, unknown>, message: string) =>
    options.logger[level](scanner.value(defined(fields)), scanner.text(message));
  const content = (value: unknown) =>
    truncateUtf8(scanner.text(typeof value === 'string' ? value : JSON.stringify(value)), maxBytes);

  const listeners: Record<string, (payload: never) => void> = {
    retry: (event: RetryEvent) =>
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
    fallback: (event: FallbackEvent) =>
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
    'breaker-state': (event: BreakerStateEvent) =>
      write(
        event.to === 'open' ? 'warn' : 'info',
        {
          event: 'breaker-state',
          provider: event.provider,
          model: event.model,
          from: event.from,
          to: event.to,
          reason: event.reason,
        },
        `circuit of ${event.provider}${event.model ? `/${event.model}` : ''} is ${event.to}`,
      ),
    'rate-limited': (event: RateLimitedEvent) =>
      write(
        event.rejected ? 'warn' : 'info',
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
      ),
    timeout: (event: Record<string, unknown> & RetryEvent) =>
      write(
        'info',
        { ...ids(event), ...event, callId: undefined, event: 'timeout' },
        `${String(event['kind'] ?? 'call')} timeout of ${event.provider}`,
      ),
    'budget-warning': (status: Record<string, unknown>) =>
      write('warn', { event: 'budget-warning', ...status }, 'a warn budget is exceeded'),
    'ledger-degraded': (problem: Record<string, unknown>) =>
      write('warn', { event: 'ledger-degraded', ...problem }, 'the usage ledger cannot be written'),
    'config-change': (change: Record<string, unknown>) =>
      write('info', { event: 'config-change', ...change }, 'configuration reloaded'),
    'call-end': (event: CallEndEvent) => {
      const fields = {
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
        cost: event.cost_decimal ?? event.cost,
        currency: event.currency,
      };
      if (event.outcome === 'success') {
        write(
          'debug',
          options.debug && event.content !== undefined
            ? { ...fields, content: content(event.content) }
            : fields,
          'call finished',
        );
      } else {
        write(
          event.outcome === 'aborted' ? 'info' : 'error',
          { ...fields, error_message: event.error_message },
          `call failed: ${event.outcome}`,
        );
      }
    },
  };
  if (options.debug) {
    Object.assign(listeners, {
      'call-start': (event: CallStartEvent) =>
        write(
          'debug',
          {
            ...ids(event),
            event: 'call-start',
            operation: event.operation,
            stream: event.stream,
            provider: event.provider,
            model: event.model,
            request: event.request ? content(event.request) : undefined,
          },
          'call started',
        ),
      'attempt-start': (event: AttemptStartEvent) =>
        write(
          'debug',
          { ...ids(event), event: 'attempt-start', ...event, callId: undefined },
          `attempt ${event.attempt} to ${event.provider}/${event.model}`,
        ),
      'attempt-end': (event: AttemptEndEvent) =>
        write(
          'debug',
          { ...ids(event), event: 'attempt-end', ...event, callId: undefined },
          `attempt ${event.attempt} ended: ${event.outcome}`,
        ),
      'cache-hit': (event: CacheEvent) =>
        write('debug', { ...ids(event), event: 'cache-hit', ...event }, 'answered from the cache'),
      'cache-miss': (event: CacheEvent) =>
        write('debug', { ...ids(event), event: 'cache-miss', ...event }, 'not in the cache'),
    });
  }
  return subscribe(source, listeners);
}
