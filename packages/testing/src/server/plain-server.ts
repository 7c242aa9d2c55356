import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A bare `node:http` server on 127.0.0.1 for answers no protocol speaks: an HTML page from a proxy
 * where JSON or SSE belongs, a gateway's error page. Its addresses are named as the simulator's.
 */
export interface PlainServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** The OpenAI SDK's `baseURL` (`<origin>/v1`). */
  readonly baseURL: string;
  /** The Anthropic SDK's `baseURL` (the origin: the SDK appends `/v1/messages`). */
  readonly anthropicBaseURL: string;
  /** How many requests reached it. */
  readonly requestCount: () => number;
  close(): Promise<void>;
}

/** Starts a plain server; `handler` runs once each request's body has been read, and gets it. */
export async function startPlainServer(
  handler: (request: IncomingMessage, response: ServerResponse, body: Buffer) => void,
): Promise<PlainServer> {
  let count = 0;
  const server = createServer((request, response) => {
    count += 1;
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => handler(request, response, Buffer.concat(chunks)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    baseURL: `${origin}/v1`,
    anthropicBaseURL: origin,
    requestCount: () => count,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** A 127.0.0.1 port that nothing listens on (a server was bound there and closed again). */
export async function closedPort(): Promise<number> {
  const server = await startPlainServer(() => undefined);
  const port = Number(new URL(server.origin).port);
  await server.close();
  return port;
}

/** A handler that sends `html` with the given status as `text/html`. */
export const answerHtml =
  (status: number, html: string) => (_request: IncomingMessage, response: ServerResponse) => {
    response.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
    response.end(html);
  };
