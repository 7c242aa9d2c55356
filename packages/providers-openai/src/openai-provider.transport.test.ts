import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { OpenAIProvider } from './openai-provider';

const COMPLETION = JSON.stringify({
  id: 'chatcmpl-transport',
  object: 'chat.completion',
  created: 1_700_000_000,
  model: 'gpt-4o-mini',
  choices: [{ index: 0, message: { role: 'assistant', content: 'pooled' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 5, completion_tokens: 1, total_tokens: 6 },
});

/** A loopback OpenAI-style endpoint that answers after a short delay and counts its sockets. */
async function countingEndpoint() {
  const sockets: Socket[] = [];
  let open = 0;
  let peak = 0;
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () =>
      setTimeout(() => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(COMPLETION);
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
    baseURL: `http://127.0.0.1:${port}/v1`,
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

const request = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Hi' }] };

describe('OpenAIProvider transport', () => {
  it('sends its calls over its own keep-alive pool, sized by rate_limit.max_concurrency', async () => {
    endpoint = await countingEndpoint();
    const provider = new OpenAIProvider({
      name: 'openai',
      type: 'openai',
      api_key: 'sk-test-transport-0123456789',
      base_url: endpoint.baseURL,
      timeout: 5_000,
      rate_limit: { max_concurrency: 1 },
      models: [{ name: 'gpt-4o-mini' }],
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
    const provider = new OpenAIProvider({
      name: 'openai',
      type: 'openai',
      api_key: 'sk-test-transport-0123456789',
      base_url: endpoint.baseURL,
      timeout: 5_000,
      models: [{ name: 'gpt-4o-mini' }],
    } as never);
    await provider.chatCompletion(request);
    const socket = endpoint.sockets[0]!;
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    provider.dispose();
    await closed;
    expect(socket.destroyed).toBe(true);
  });
});
