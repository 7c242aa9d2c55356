import { bodyExcerpt } from '../util/body-excerpt';
import type { Logger } from '../util/logger';

/**
 * A stream event the provider could not read (its `data` is not JSON, or not the protocol's
 * shape) and skipped; the stream goes on. A stream that then ends without a finish still fails.
 */
export interface StreamEventSkippedInfo {
  /** The provider's configured name. */
  readonly provider: string;
  /** The model the request named. */
  readonly model: string;
  /** 0-based position of the event among the stream's events (end markers and pings included). */
  readonly index: number;
  /**
   * Why it was skipped: `invalid_json` (its data is not JSON) or `unexpected_shape` (JSON, but not
   * an event of the protocol).
   */
  readonly reason: 'invalid_json' | 'unexpected_shape';
  /** The start of the event's data, secrets scrubbed, at most STREAM_EVENT_EXCERPT_LIMIT characters. */
  readonly excerpt: string;
}

/** The most characters of a skipped event's data its report quotes. */
export const STREAM_EVENT_EXCERPT_LIMIT = 120;

/**
 * Reports one skipped event: a `warn` line on the provider's logger and a call of the caller's
 * `onStreamEventSkipped` hook (if any), both with the event's data reduced by `bodyExcerpt`
 * (secrets scrubbed before cutting) to a short excerpt. A hook that throws does not break the
 * stream it observes.
 */
export function reportSkippedStreamEvent(
  hook: ((info: StreamEventSkippedInfo) => void) | undefined,
  event: Omit<StreamEventSkippedInfo, 'excerpt'> & { readonly data: string },
  secrets: Iterable<string | undefined>,
  logger?: Logger,
): void {
  const scrubbed = bodyExcerpt(event.data, secrets);
  const info: StreamEventSkippedInfo = {
    provider: event.provider,
    model: event.model,
    index: event.index,
    reason: event.reason,
    excerpt:
      scrubbed.length <= STREAM_EVENT_EXCERPT_LIMIT
        ? scrubbed
        : `${scrubbed.slice(0, STREAM_EVENT_EXCERPT_LIMIT - 1)}…`,
  };
  logger?.warn('Could not parse a stream event; skipped it', { ...info });
  if (!hook) return;
  try {
    hook(info);
  } catch {
    // An observer's failure is its own; the stream it watches goes on.
  }
}
