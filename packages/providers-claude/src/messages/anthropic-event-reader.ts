import type { Anthropic } from '@anthropic-ai/sdk';
import type { ServerSentEventReader, StreamEventSkippedInfo } from '@llm/core';
import { loadedAnthropicSdk } from '../anthropic-sdk';

export interface AnthropicEventReaderOptions {
  /** The response's headers, kept on an in-stream error (its request id). */
  readonly headers: Headers;
  /** Called for each event skipped because its data could not be read. */
  readonly skipped: (index: number, reason: StreamEventSkippedInfo['reason'], data: string) => void;
}

function parseJSON(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}

/**
 * Claude's raw stream events from the SSE events of a Messages stream, a network read at a time:
 * `ping` and unnamed events are ignored (as the SDK does), `event: error` throws the SDK's
 * `APIError` with the error's type (so the error table maps it as any other), and an event whose
 * data is not JSON, or not an object with a `type`, is skipped and reported, never fatal.
 */
export class AnthropicEventReader {
  readonly #reader: ServerSentEventReader;
  readonly #options: AnthropicEventReaderOptions;
  #index = -1;
  #skipped = 0;
  /** An `event: error` read after other events of its batch: thrown once those are handled. */
  #pendingError: unknown;

  constructor(reader: ServerSentEventReader, options: AnthropicEventReaderOptions) {
    this.#reader = reader;
    this.#options = options;
  }

  /** How many events were skipped so far. */
  get skipped(): number {
    return this.#skipped;
  }

  /** The events of the next network read that held any; `undefined` at the end of the body. */
  async next(): Promise<readonly Anthropic.RawMessageStreamEvent[] | undefined> {
    if (this.#pendingError !== undefined) throw this.#pendingError;
    for (;;) {
      const batch = await this.#reader.next();
      if (batch === undefined) return undefined;
      const events: Anthropic.RawMessageStreamEvent[] = [];
      for (const event of batch) {
        this.#index += 1;
        const name = event.event;
        if (name === undefined || name === 'ping' || event.data === '') continue;
        const parsed = parseJSON(event.data);
        if (name === 'error') {
          const body = (parsed ?? event.data) as { error?: { type?: string } } | string;
          const type = (typeof body === 'object' ? body.error?.type : undefined) as
            Anthropic.ErrorType | undefined;
          // A stream ran, so the SDK is loaded.
          const sdk = loadedAnthropicSdk()!;
          const error = new sdk.APIError(
            undefined,
            body as object,
            undefined,
            this.#options.headers,
            type,
          );
          if (events.length === 0) throw error;
          this.#pendingError = error;
          return events;
        }
        if (parsed === undefined) this.#skip('invalid_json', event.data);
        else if (typeof (parsed as { type?: unknown } | null)?.type !== 'string')
          this.#skip('unexpected_shape', event.data);
        else events.push(parsed as Anthropic.RawMessageStreamEvent);
      }
      if (events.length > 0) return events;
    }
  }

  #skip(reason: StreamEventSkippedInfo['reason'], data: string): void {
    this.#skipped += 1;
    this.#options.skipped(this.#index, reason, data);
  }
}
