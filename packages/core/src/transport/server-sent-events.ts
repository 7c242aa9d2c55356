import { createParser, type EventSourceMessage, type EventSourceParser } from 'eventsource-parser';
import { systemClock, type Clock, type TimerHandle } from '../util/clock';

/** One event of a `text/event-stream` body: its `event:` name (if any) and its `data:` text. */
export type ServerSentEvent = EventSourceMessage;

/** How long a finished stream's remaining bytes (an end marker, the chunked terminator) are awaited. */
export const SSE_DRAIN_TIMEOUT_MS = 2000;

export interface ServerSentEventReaderOptions {
  /** Times the drain of a stream closed early (default: the system clock). */
  readonly clock?: Clock;
  /** Default SSE_DRAIN_TIMEOUT_MS. */
  readonly drainTimeoutMs?: number;
}

const STREAMING = { stream: true } as const;

/**
 * Reads a `text/event-stream` response body with `eventsource-parser`, one network read at a time:
 * `next()` resolves with every event that read completed (so a provider converts a whole batch
 * without awaiting per event), `undefined` once the body has ended. An event cut off by the end of
 * the body is dropped, as the SSE standard says.
 *
 * `close()` stops reading: a stream the protocol already finished (`drain: true`) reads what the
 * server still sends in the background, so the keep-alive connection can serve the next request,
 * and cancels the body if it has not ended within the drain timeout; otherwise (a consumer that
 * broke out, an error) the body is cancelled at once, which closes the HTTP request.
 */
export class ServerSentEventReader {
  readonly #reader: ReadableStreamDefaultReader<Uint8Array>;
  readonly #parser: EventSourceParser;
  readonly #decoder = new TextDecoder();
  readonly #options: ServerSentEventReaderOptions;
  #batch: ServerSentEvent[] = [];
  #ended = false;
  #closed = false;

  constructor(body: ReadableStream<Uint8Array>, options: ServerSentEventReaderOptions = {}) {
    this.#reader = body.getReader();
    this.#options = options;
    const batch = (event: ServerSentEvent) => {
      this.#batch.push(event);
    };
    this.#parser = createParser({ onEvent: batch });
  }

  /** True once the body has ended (every byte read). */
  get ended(): boolean {
    return this.#ended;
  }

  /** The events of the next read that completed any; `undefined` at the end of the body. */
  async next(): Promise<readonly ServerSentEvent[] | undefined> {
    while (!this.#ended && !this.#closed) {
      const read = await this.#reader.read();
      if (read.done) {
        this.#ended = true;
        break;
      }
      this.#parser.feed(this.#decoder.decode(read.value, STREAMING));
      if (this.#batch.length > 0) {
        const events = this.#batch;
        this.#batch = [];
        return events;
      }
    }
    return undefined;
  }

  /** Stops reading (idempotent); see the class comment for `drain`. */
  close(options: { readonly drain: boolean }): void {
    if (this.#closed || this.#ended) {
      this.#closed = true;
      return;
    }
    this.#closed = true;
    if (!options.drain) {
      this.#cancel();
      return;
    }
    const clock = this.#options.clock ?? systemClock;
    const timer: TimerHandle = clock.setTimer(
      () => this.#cancel(),
      this.#options.drainTimeoutMs ?? SSE_DRAIN_TIMEOUT_MS,
      { background: true },
    );
    void this.#drain().finally(() => timer.cancel());
  }

  async #drain(): Promise<void> {
    try {
      while (!(await this.#reader.read()).done);
    } catch {
      // A body that breaks after the protocol finished changes nothing the caller got.
    }
  }

  #cancel(): void {
    this.#reader.cancel().catch(() => {
      // Cancelling a body whose connection already failed has nothing left to close.
    });
  }
}
