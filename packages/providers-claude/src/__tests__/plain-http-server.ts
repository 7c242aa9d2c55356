// Test support: a plain node:http server on 127.0.0.1 for answers the simulator does not speak
// (an HTML page where the Messages API's JSON or SSE belongs).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PlainHttpServer {
  /** The base URL to give the provider as `base_url` (named as the simulator names it). */
  readonly anthropicBaseURL: string;
  close(): Promise<void>;
}

export async function startPlainHttpServer(
  respond: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<PlainHttpServer> {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => respond(request, response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    anthropicBaseURL: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** A proxy's sign-in page of about 20 KB that echoes the request's headers back, key included. */
export function proxyLoginPage(request: IncomingMessage): string {
  const echoed = Object.entries(request.headers)
    .map(([name, value]) => `<li>${name}: ${String(value)}</li>`)
    .join('\n');
  return [
    '<!DOCTYPE html>',
    '<html><head><title>Sign in to Corporate Proxy</title>',
    '<style>body { font-family: sans-serif; }</style>',
    '<script>window.loginConfig = { realm: "corp" };</script></head>',
    '<body><h1>Sign in to continue</h1>',
    '<p>Your request was intercepted by the corporate proxy.</p>',
    `<ul>${echoed}</ul>`,
    `<div hidden>${'padding '.repeat(2500)}</div>`,
    '</body></html>',
  ].join('\n');
}
