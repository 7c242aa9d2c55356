import { afterEach, describe, expect, it } from 'vitest';
import { answerHtml, closedPort, startPlainServer, type PlainServer } from './plain-server';

let server: PlainServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('startPlainServer', () => {
  it('answers with the handler once the body is read, and counts requests', async () => {
    server = await startPlainServer(answerHtml(502, '<h1>Bad gateway</h1>'));
    const response = await fetch(`${server.baseURL}/chat/completions`, {
      method: 'POST',
      body: JSON.stringify({ model: 'gpt-4o' }),
    });
    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toBe('<h1>Bad gateway</h1>');
    expect(server.requestCount()).toBe(1);
    expect(server.anthropicBaseURL).toBe(server.origin);
    expect(server.baseURL).toBe(`${server.origin}/v1`);
  });

  it('gives a port nothing listens on', async () => {
    const port = await closedPort();
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
  });
});
