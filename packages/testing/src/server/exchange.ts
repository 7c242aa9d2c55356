// One HTTP exchange: the response being written, the connection it travels on (and who closed it
// first), and the waits that end when either side goes away.
import type { ServerResponse } from 'node:http';
import { randomIds } from '../answer/rendered-response';
import type { RecordedRequest } from '../simulator-types';
import type { RequestLog } from './request-log';
import type { Route, WireDialect } from './route-request';

/** Wait `milliseconds`, or less if `signal` aborts first. Resolves `false` when aborted. */
export function sleep(milliseconds: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  if (milliseconds <= 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, milliseconds);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Resolve only when `signal` aborts: the client went away or the simulator closed. */
export function waitForAbort(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) =>
    signal.addEventListener('abort', () => resolve(), { once: true }),
  );
}

/** The request-id headers each API puts on every response. */
function requestIdHeaders(dialect: WireDialect): Record<string, string> {
  if (dialect === 'anthropic') return { 'request-id': randomIds.anthropicRequest() };
  if (dialect === 'azure')
    return {
      'x-request-id': randomIds.azureRequest(),
      'apim-request-id': randomIds.azureRequest(),
    };
  return { 'x-request-id': randomIds.openaiRequest() };
}

/** Watches one response's connection: who ended it, and a signal for the work answering it. */
export interface ConnectionWatch {
  /** Aborted when the connection closes (either side) or the simulator closes. */
  readonly signal: AbortSignal;
  /** The request to mark if its client leaves early (it may have left already). */
  attach(record: RecordedRequest): void;
  /** The simulator is about to destroy the socket itself: not a client close. */
  serverDrops(): void;
}

export function watchConnection(
  response: ServerResponse,
  log: RequestLog,
  closing: AbortSignal,
): ConnectionWatch {
  const controller = new AbortController();
  const onClosing = (): void => controller.abort();
  if (closing.aborted) controller.abort();
  else closing.addEventListener('abort', onClosing, { once: true });
  const state: { record?: RecordedRequest; clientClosedAt?: number; droppedByServer: boolean } = {
    droppedByServer: false,
  };

  response.on('close', () => {
    closing.removeEventListener('abort', onClosing);
    if (!response.writableFinished && !state.droppedByServer && !closing.aborted) {
      state.clientClosedAt = Date.now();
      if (state.record !== undefined) log.markClientClosed(state.record, state.clientClosedAt);
    }
    controller.abort();
  });

  return {
    signal: controller.signal,
    attach(record) {
      state.record = record;
      if (state.clientClosedAt !== undefined) log.markClientClosed(record, state.clientClosedAt);
    },
    serverDrops() {
      state.droppedByServer = true;
    },
  };
}

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
