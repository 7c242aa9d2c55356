import type { ServerResponse } from 'node:http';
import type { Route } from '../routing/route-request';
import type { RecordedRequest } from '../simulator-types';
import { requestIdHeaders } from './request-id-headers';

export interface ExchangeOptions {
  readonly response: ServerResponse;
  readonly record: RecordedRequest;
  readonly route: Route;
  /** Aborted when the client goes away or the simulator closes. */
  readonly signal: AbortSignal;
  /** Called before the simulator itself destroys the socket, so it is not logged as a client close. */
  readonly onServerDrop: () => void;
}

/** One request and its response: the headers it will carry and the ways to answer it. */
export class Exchange {
  readonly record: RecordedRequest;
  readonly route: Route;
  readonly signal: AbortSignal;
  readonly #response: ServerResponse;
  readonly #onServerDrop: () => void;
  readonly #headers: Record<string, string>;

  constructor(options: ExchangeOptions) {
    this.record = options.record;
    this.route = options.route;
    this.signal = options.signal;
    this.#response = options.response;
    this.#onServerDrop = options.onServerDrop;
    this.#headers = requestIdHeaders(options.route.dialect);
  }

  /** Add (or override, e.g. `x-request-id`) response headers; names are lower-cased. */
  addHeaders(headers: Readonly<Record<string, string>> | undefined): void {
    for (const [name, value] of Object.entries(headers ?? {}))
      this.#headers[name.toLowerCase()] = value;
  }

  /** The request id this response reports (a scripted header wins). */
  get requestId(): string {
    return this.#headers['request-id'] ?? this.#headers['x-request-id'] ?? '';
  }

  get headersSent(): boolean {
    return this.#response.headersSent;
  }

  /** A complete response with a body. */
  sendText(status: number, contentType: string, text: string): void {
    if (this.signal.aborted) return;
    this.#response.writeHead(status, {
      ...this.#headers,
      'content-type': contentType,
      'content-length': String(Buffer.byteLength(text)),
    });
    this.#response.end(text);
  }

  sendJson(status: number, body: unknown): void {
    this.sendText(status, 'application/json', JSON.stringify(body));
  }

  /** Send status and headers now, body to follow in chunks. */
  startBody(status: number, contentType: string, contentLength?: number): void {
    if (this.signal.aborted) return;
    const length = contentLength === undefined ? {} : { 'content-length': String(contentLength) };
    this.#response.writeHead(status, {
      ...this.#headers,
      'content-type': contentType,
      'cache-control': 'no-cache',
      ...length,
    });
    this.#response.flushHeaders();
  }

  /** Write one piece; resolves once it was handed to the socket. */
  write(text: string): Promise<void> {
    if (this.signal.aborted) return Promise.resolve();
    return new Promise((resolve) => this.#response.write(text, () => resolve()));
  }

  end(): void {
    if (!this.signal.aborted) this.#response.end();
  }

  /** Destroy the socket from the server side: the client sees a dropped connection. */
  dropConnection(): void {
    this.#onServerDrop();
    this.#response.socket?.destroy();
    this.#response.destroy();
  }
}
