import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createKeepAliveTransport } from './keep-alive-transport';

interface CountingServer {
  readonly url: string;
  readonly sockets: Socket[];
  /** The most connections open at the same time. */
  readonly peak: () => number;
  close(): Promise<void>;
}

/** A loopback HTTP server that answers after `delayMs` and counts its connections. */
async function countingServer(delayMs = 0): Promise<CountingServer> {
  const sockets: Socket[] = [];
  let open = 0;
  let peak = 0;
  const server: Server = createServer((request, response) => {
    request.resume();
    setTimeout(() => response.end('{"ok":true}'), delayMs);
  });
  server.on('connection', (socket) => {
    sockets.push(socket);
    open += 1;
    peak = Math.max(peak, open);
    socket.on('close', () => (open -= 1));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    sockets,
    peak: () => peak,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

let server: CountingServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('createKeepAliveTransport', () => {
  it('sends successive requests over kept-alive connections instead of one each', async () => {
    server = await countingServer();
    const transport = await createKeepAliveTransport();
    for (let index = 0; index < 20; index++) {
      const response = await transport.fetch(server.url, transport.fetchOptions as RequestInit);
      expect(await response.json()).toEqual({ ok: true });
    }
    // undici may open a second socket while the first response is still being released.
    expect(server.sockets.length).toBeLessThanOrEqual(2);
    await transport.close();
  });

  it('opens at most `connections` sockets per origin', async () => {
    server = await countingServer(20);
    const transport = await createKeepAliveTransport({ connections: 2 });
    const calls = Array.from({ length: 6 }, () =>
      transport.fetch(server!.url, transport.fetchOptions as RequestInit).then((r) => r.text()),
    );
    await Promise.all(calls);
    expect(server.peak()).toBe(2);
    await transport.close();
  });

  it('closes its sockets on close(), and a second close() is the same one', async () => {
    server = await countingServer();
    const transport = await createKeepAliveTransport({ keepAliveTimeoutMs: 60_000 });
    await (await transport.fetch(server.url, transport.fetchOptions as RequestInit)).text();
    const socket = server.sockets[0]!;
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    const first = transport.close();
    expect(transport.close()).toBe(first);
    await first;
    await closed;
    expect(socket.destroyed).toBe(true);
  });
});
