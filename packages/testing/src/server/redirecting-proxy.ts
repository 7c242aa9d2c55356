import type { IncomingMessage, ServerResponse } from 'node:http';
import { startPlainServer, type PlainServer } from './plain-server';

/**
 * A server on 127.0.0.1 in front of another (the simulator, usually) that answers every request
 * under `/moved/…` with a 307 to the same path without `/moved`, and passes every other request on
 * to the target with its method, text headers and body: a base URL that redirects, on one origin
 * (a redirect to another origin drops the `Authorization` header under any fetch).
 */
export interface RedirectingProxy extends PlainServer {
  /** The OpenAI SDK's `baseURL` through the redirect (`<origin>/moved/v1`). */
  readonly baseURL: string;
  /** The Anthropic SDK's `baseURL` through the redirect (`<origin>/moved`). */
  readonly anthropicBaseURL: string;
  /** `METHOD path` of each request that reached the proxy, in order. */
  readonly seen: readonly string[];
}

/** Starts a redirecting proxy in front of `target` (an origin, e.g. the simulator's `url`). */
export async function startRedirectingProxy(target: string): Promise<RedirectingProxy> {
  const to = new URL(target);
  const seen: string[] = [];
  const server = await startPlainServer((request, response, body) => {
    const path = request.url ?? '/';
    seen.push(`${request.method} ${path}`);
    if (path === '/moved' || path.startsWith('/moved/')) {
      response.writeHead(307, { location: path.slice('/moved'.length) || '/' }).end();
      return;
    }
    passOn(request, response, body, new URL(path, to));
  });
  return {
    ...server,
    baseURL: `${server.origin}/moved/v1`,
    anthropicBaseURL: `${server.origin}/moved`,
    seen,
  };
}

/** Sends the request to `url` with its method, text headers and body; relays the answer (502 when unreachable). */
function passOn(request: IncomingMessage, response: ServerResponse, body: Buffer, url: URL): void {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (typeof value === 'string') headers[name] = value;
  }
  headers.host = url.host;
  fetch(url, { method: request.method, headers, body: body.length === 0 ? undefined : body }).then(
    async (answer) => {
      const type = answer.headers.get('content-type');
      response.writeHead(answer.status, type === null ? {} : { 'content-type': type });
      response.end(Buffer.from(await answer.arrayBuffer()));
    },
    () => response.writeHead(502).end(),
  );
}
