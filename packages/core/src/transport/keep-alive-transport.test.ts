import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createKeepAliveTransport,
  transportFetchKind,
  type TransportFetchKind,
} from './keep-alive-transport';

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

describe.each<TransportFetchKind>(['node', 'undici'])(
  'createKeepAliveTransport with the %s fetch',
  (fetchKind) => {
    it('sends successive requests over kept-alive connections instead of one each', async () => {
      server = await countingServer();
      const transport = await createKeepAliveTransport({ fetchKind });
      for (let index = 0; index < 20; index++) {
        const response = await transport.fetch(server.url, transport.fetchOptions as RequestInit);
        expect(await response.json()).toEqual({ ok: true });
      }
      // undici may open a second socket while the first response is still being released.
      expect(server.sockets.length).toBeLessThanOrEqual(2);
      await transport.close();
    });

    it('sends through the fetch it was asked for', async () => {
      server = await countingServer();
      const transport = await createKeepAliveTransport({ fetchKind });
      const undici = await import('undici');
      expect(transport.fetchKind).toBe(fetchKind);
      expect(transport.fetchOptions.dispatcher).toBeInstanceOf(undici.Agent);
      const response = await transport.fetch(server.url, transport.fetchOptions as RequestInit);
      // Each fetch answers with its own Response class.
      expect(response).toBeInstanceOf(fetchKind === 'node' ? globalThis.Response : undici.Response);
      expect(response instanceof undici.Response).toBe(fetchKind === 'undici');
      await response.text();
      await transport.close();
    });

    it('opens at most `connections` sockets per origin', async () => {
      server = await countingServer(20);
      const transport = await createKeepAliveTransport({ connections: 2, fetchKind });
      const calls = Array.from({ length: 6 }, () =>
        transport.fetch(server!.url, transport.fetchOptions as RequestInit).then((r) => r.text()),
      );
      await Promise.all(calls);
      expect(server.peak()).toBe(2);
      await transport.close();
    });

    it('closes its sockets on close(), and a second close() is the same one', async () => {
      server = await countingServer();
      const transport = await createKeepAliveTransport({ keepAliveTimeoutMs: 60_000, fetchKind });
      await (await transport.fetch(server.url, transport.fetchOptions as RequestInit)).text();
      const socket = server.sockets[0]!;
      const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
      const first = transport.close();
      expect(transport.close()).toBe(first);
      await first;
      await closed;
      expect(socket.destroyed).toBe(true);
    });
  },
);

describe('transportFetchKind', () => {
  it("is Node's fetch when Node's bundled undici has the installed undici's major", () => {
    expect(transportFetchKind('6.24.1', '6.29.1')).toBe('node');
    expect(transportFetchKind('7.0.0', '7.16.0')).toBe('node');
  });

  it("is undici's own fetch for another major, or when Node reports no undici", () => {
    expect(transportFetchKind('7.16.0', '6.29.1')).toBe('undici');
    expect(transportFetchKind('5.28.4', '6.29.1')).toBe('undici');
    expect(transportFetchKind(undefined, '6.29.1')).toBe('undici');
    expect(transportFetchKind('', '6.29.1')).toBe('undici');
  });

  it('is what a transport of this process uses by default', async () => {
    const { version } = (await import('undici/package.json')).default as { version: string };
    const transport = await createKeepAliveTransport();
    expect(transport.fetchKind).toBe(transportFetchKind(process.versions.undici, version));
    await transport.close();
  });
});
