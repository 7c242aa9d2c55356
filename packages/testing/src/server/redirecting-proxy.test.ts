import { afterEach, describe, expect, it } from 'vitest';
import { startPlainServer, type PlainServer } from './plain-server';
import { startRedirectingProxy, type RedirectingProxy } from './redirecting-proxy';

let target: PlainServer | undefined;
let proxy: RedirectingProxy | undefined;
afterEach(async () => {
  await proxy?.close();
  await target?.close();
  proxy = undefined;
  target = undefined;
});

describe('startRedirectingProxy', () => {
  it('answers /moved/… with a 307 to the path without /moved', async () => {
    target = await startPlainServer((_request, response) => response.end());
    proxy = await startRedirectingProxy(target.origin);
    const response = await fetch(`${proxy.baseURL}/chat/completions?x=1`, {
      method: 'POST',
      body: '{}',
      redirect: 'manual',
    });
    expect(response.status).toBe(307);
    expect(response.headers.get('location')).toBe('/v1/chat/completions?x=1');
    expect(proxy.anthropicBaseURL).toBe(`${proxy.origin}/moved`);
    expect(target.requestCount()).toBe(0);
  });

  it('passes other requests on with their method, text headers and body, and the answer back', async () => {
    let received: { method?: string; url?: string; auth?: string; host?: string } = {};
    target = await startPlainServer((request, response) => {
      received = {
        method: request.method,
        url: request.url,
        auth: request.headers.authorization,
        host: request.headers.host,
      };
      response.writeHead(201, { 'content-type': 'application/json' });
      response.end('{"ok":true}');
    });
    proxy = await startRedirectingProxy(target.origin);
    const response = await fetch(`${proxy.baseURL}/models`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk-test-proxy' },
      body: '{"n":1}',
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({ ok: true });
    expect(received).toEqual({
      method: 'POST',
      url: '/v1/models',
      auth: 'Bearer sk-test-proxy',
      host: new URL(target.origin).host,
    });
    expect(proxy.seen).toEqual(['POST /moved/v1/models', 'POST /v1/models']);
  });

  it('answers 502 when the target cannot be reached', async () => {
    target = await startPlainServer((_request, response) => response.end());
    const gone = target.origin;
    await target.close();
    target = undefined;
    proxy = await startRedirectingProxy(gone);
    const response = await fetch(`${proxy.origin}/v1/models`);
    expect(response.status).toBe(502);
  });
});
