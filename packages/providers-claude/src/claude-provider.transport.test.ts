import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ClaudeProvider } from './claude-provider';

const MESSAGE = JSON.stringify({
  id: 'msg_transport',
  type: 'message',
  role: 'assistant',
  model: 'claude-sonnet-4-20250514',
  content: [{ type: 'text', text: 'pooled' }],
  stop_reason: 'end_turn',
  stop_sequence: null,
  usage: { input_tokens: 5, output_tokens: 1 },
});

/** A loopback Anthropic-style endpoint that answers after a short delay and counts its sockets. */
async function countingEndpoint() {
  const sockets: Socket[] = [];
  let open = 0;
  let peak = 0;
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () =>
      setTimeout(() => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(MESSAGE);
      }, 10),
    );
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
    baseURL: `http://127.0.0.1:${port}`,
    sockets,
    peak: () => peak,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let endpoint: Awaited<ReturnType<typeof countingEndpoint>> | undefined;
afterEach(async () => endpoint?.close());

const request = {
  model: 'claude-sonnet-4-20250514',
  max_tokens: 16,
  messages: [{ role: 'user' as const, content: 'Hi' }],
};

describe('ClaudeProvider transport', () => {
  it('sends its calls over its own keep-alive pool, sized by rate_limit.max_concurrency', async () => {
    endpoint = await countingEndpoint();
    const provider = new ClaudeProvider({
      name: 'claude',
      type: 'claude',
      api_key: 'sk-ant-test-transport-0123456789',
      base_url: endpoint.baseURL,
      timeout: 5_000,
      rate_limit: { max_concurrency: 1 },
      models: [{ name: 'claude-sonnet-4-20250514' }],
    } as never);
    const answers = await Promise.all([1, 2, 3, 4].map(() => provider.chatCompletion(request)));
    expect(answers.map((answer) => answer.content)).toEqual([
      'pooled',
      'pooled',
      'pooled',
      'pooled',
    ]);
    // Node's global pool would have opened one socket per concurrent call.
    expect(endpoint.peak()).toBe(1);
    provider.dispose();
  });

  it('closes its sockets when disposed', async () => {
    endpoint = await countingEndpoint();
    const provider = new ClaudeProvider({
      name: 'claude',
      type: 'claude',
      api_key: 'sk-ant-test-transport-0123456789',
      base_url: endpoint.baseURL,
      timeout: 5_000,
      models: [{ name: 'claude-sonnet-4-20250514' }],
    } as never);
    await provider.chatCompletion(request);
    const socket = endpoint.sockets[0]!;
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    provider.dispose();
    await closed;
    expect(socket.destroyed).toBe(true);
  });
});
