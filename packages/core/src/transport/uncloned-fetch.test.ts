import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { withoutRequestClone } from './uncloned-fetch';

interface Seen {
  readonly method: string;
  readonly path: string;
  readonly body: string;
}

interface LoggingServer {
  readonly base: string;
  readonly seen: Seen[];
  close(): Promise<void>;
}

/**
 * A loopback server that logs every request it reads: `/old` answers `307` to `/new`, `/drop`
 * cuts the connection, `/slow` answers after 200 ms, anything else answers `ok <body>`.
 */
async function loggingServer(): Promise<LoggingServer> {
  const seen: Seen[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      seen.push({ method: request.method ?? '', path: request.url ?? '', body });
      if (request.url === '/old') {
        response.writeHead(307, { location: '/new' }).end();
      } else if (request.url === '/drop') {
        request.socket.destroy();
      } else if (request.url === '/slow') {
        setTimeout(() => response.end(`ok ${body}`), 200);
      } else response.end(`ok ${body}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let server: LoggingServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const post = (body: NonNullable<RequestInit['body']>, extra: RequestInit = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'text/plain' },
  body,
  ...extra,
});

describe.each([
  ['Node', () => Promise.resolve(globalThis.fetch)],
  ['undici', async () => (await import('undici')).fetch as unknown as typeof globalThis.fetch],
])("withoutRequestClone over %s's fetch", (_name, loadFetch) => {
  it('sends a request once and answers with its response', async () => {
    server = await loggingServer();
    const fetch = withoutRequestClone(await loadFetch());
    const response = await fetch(`${server.base}/answer`, post('{"n":1}'));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('ok {"n":1}');
    expect(server.seen).toEqual([{ method: 'POST', path: '/answer', body: '{"n":1}' }]);
  });

  it('follows a redirect as plain fetch does, sending the same body again', async () => {
    server = await loggingServer();
    const fetch = withoutRequestClone(await loadFetch());
    const response = await fetch(new URL('/old', server.base), post('hello'));
    expect(await response.text()).toBe('ok hello');
    expect(response.redirected).toBe(true);
    // The first send did not follow (the uncopied request), the second did, as asked.
    expect(server.seen).toEqual([
      { method: 'POST', path: '/old', body: 'hello' },
      { method: 'POST', path: '/old', body: 'hello' },
      { method: 'POST', path: '/new', body: 'hello' },
    ]);
  });

  it('sends URL-encoded fields again after a redirect too, and bytes once as plain fetch does', async () => {
    server = await loggingServer();
    const fetch = withoutRequestClone(await loadFetch());
    const form = await fetch(`${server.base}/old`, {
      method: 'POST',
      body: new URLSearchParams({ a: '1' }),
    });
    expect(await form.text()).toBe('ok a=1');
    const bytes = await fetch(`${server.base}/answer`, post(new TextEncoder().encode('bytes')));
    expect(await bytes.text()).toBe('ok bytes');
    expect(server.seen.map((seen) => `${seen.path} ${seen.body}`)).toEqual([
      '/old a=1',
      '/old a=1',
      '/new a=1',
      '/answer bytes',
    ]);
  });

  it("keeps the caller's own redirect mode", async () => {
    server = await loggingServer();
    const fetch = withoutRequestClone(await loadFetch());
    const manual = await fetch(`${server.base}/old`, post('m', { redirect: 'manual' }));
    expect(manual.redirected).toBe(false);
    await manual.arrayBuffer();
    await expect(fetch(`${server.base}/old`, post('e', { redirect: 'error' }))).rejects.toThrow(
      TypeError,
    );
    expect(server.seen.map((seen) => `${seen.path} ${seen.body}`)).toEqual(['/old m', '/old e']);
  });

  it('sends a stream body once, unchanged, as plain fetch would', async () => {
    server = await loggingServer();
    const fetch = withoutRequestClone(await loadFetch());
    const streamed = () =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('streamed'));
          controller.close();
        },
      });
    const plain = await fetch(
      `${server.base}/answer`,
      post(streamed(), { duplex: 'half' } as RequestInit),
    );
    expect(await plain.text()).toBe('ok streamed');
    // A stream cannot be sent twice: the redirect fails as under plain fetch, after one send.
    await expect(
      fetch(`${server.base}/old`, post(streamed(), { duplex: 'half' } as RequestInit)),
    ).rejects.toThrow(TypeError);
    expect(server.seen.map((seen) => `${seen.path} ${seen.body}`)).toEqual([
      '/answer streamed',
      '/old streamed',
    ]);
  });

  it('rejects with a failed connection after one send, never a second', async () => {
    server = await loggingServer();
    const fetch = withoutRequestClone(await loadFetch());
    await expect(fetch(`${server.base}/drop`, post('x'))).rejects.toThrow(TypeError);
    expect(server.seen).toHaveLength(1);
  });

  it('rejects with the abort of its signal after one send', async () => {
    server = await loggingServer();
    const fetch = withoutRequestClone(await loadFetch());
    const controller = new AbortController();
    const pending = fetch(`${server.base}/slow`, post('x', { signal: controller.signal }));
    await expect.poll(() => server!.seen.length).toBe(1);
    controller.abort(new Error('stopped'));
    await expect(pending).rejects.toThrow('stopped');
    expect(server.seen).toHaveLength(1);
  });
});
