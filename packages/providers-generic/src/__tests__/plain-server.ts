import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A bare `node:http` server on 127.0.0.1 for answers the simulator does not speak (HTML pages). */
export interface PlainServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** How many requests reached it. */
  readonly requestCount: () => number;
  close(): Promise<void>;
}

export async function startPlainServer(
  handler: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<PlainServer> {
  let count = 0;
  const server = createServer((request, response) => {
    count += 1;
    request.resume();
    request.on('end', () => handler(request, response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requestCount: () => count,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A 127.0.0.1 port that nothing listens on (a server was bound there and closed again). */
export async function closedPort(): Promise<number> {
  const server = await startPlainServer(() => undefined);
  const port = Number(new URL(server.origin).port);
  await server.close();
  return port;
}

/** Sends `html` with the given status as `text/html`. */
export const answerHtml =
  (status: number, html: string) => (_request: IncomingMessage, response: ServerResponse) => {
    response.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
    response.end(html);
  };
