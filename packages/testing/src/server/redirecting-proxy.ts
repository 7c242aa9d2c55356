import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A server on 127.0.0.1 in front of another (the simulator, usually) that answers every request
 * under `/moved/…` with a 307 to the same path without `/moved`, and passes every other request on
 * to the target with its method, text headers and body: a base URL that redirects, on one origin
 * (a redirect to another origin drops the `Authorization` header under any fetch).
 */
export interface RedirectingProxy {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** The OpenAI SDK's `baseURL` through the redirect (`<origin>/moved/v1`). */
  readonly baseURL: string;
  /** The Anthropic SDK's `baseURL` through the redirect (`<origin>/moved`). */
  readonly anthropicBaseURL: string;
  /** `METHOD path` of each request that reached the proxy, in order. */
  readonly seen: readonly string[];
  close(): Promise<void>;
}

/** Starts a redirecting proxy in front of `target` (an origin, e.g. the simulator's `origin`). */
export async function startRedirectingProxy(target: string): Promise<RedirectingProxy> {
  const to = new URL(target);
  const seen: string[] = [];
  const server = createServer((incoming, response) => {
    const path = incoming.url ?? '/';
    seen.push(`${incoming.method} ${path}`);
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      if (path === '/moved' || path.startsWith('/moved/')) {
        response.writeHead(307, { location: path.slice('/moved'.length) || '/' }).end();
        return;
      }
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(incoming.headers)) {
        if (typeof value === 'string') headers[name] = value;
      }
      headers.host = to.host;
      const body = chunks.length === 0 ? undefined : Buffer.concat(chunks);
      fetch(new URL(path, to), { method: incoming.method, headers, body }).then(
        async (answer) => {
          const type = answer.headers.get('content-type');
          response.writeHead(answer.status, type === null ? {} : { 'content-type': type });
          response.end(Buffer.from(await answer.arrayBuffer()));
        },
        () => response.writeHead(502).end(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    baseURL: `${origin}/moved/v1`,
    anthropicBaseURL: `${origin}/moved`,
    seen,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
