import { LLMErrorType } from '@llm/core';
import { afterEach, describe, expect, it } from 'vitest';
import {
  TEST_API_KEY,
  claudeTestProvider,
  collectStream,
  rejectionOf,
  userRequest,
} from './__tests__/claude-test-provider';
import { startPlainServer, type PlainServer } from '@llm/testing';
import { proxyLoginPage } from './__tests__/proxy-login-page';

const request = userRequest('Hello');
let server: PlainServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A provider pointed at a plain HTTP server that answers every request with `status` and `body`. */
async function providerAnswered(
  status: number,
  contentType: string,
  body: (page: string) => string = (page) => page,
) {
  server = await startPlainServer((incoming, response) => {
    response.writeHead(status, { 'content-type': contentType, 'request-id': 'req_proxy' });
    response.end(body(proxyLoginPage(incoming)));
  });
  return claudeTestProvider(server);
}

describe('a 200 answer that is not the Messages API', () => {
  it('ends chatCompletion with a server_error quoting a short excerpt of an HTML page', async () => {
    const provider = await providerAnswered(200, 'text/html; charset=utf-8');
    const error = await rejectionOf(provider.chatCompletion(request));
    expect(error.type).toBe(LLMErrorType.SERVER_ERROR);
    expect(error.statusCode).toBe(200);
    expect(error.requestId).toBe('req_proxy');
    expect(error.details).toMatchObject({ unexpected_response: true, content_type: 'text/html' });
    expect(error.message).toContain('Sign in to Corporate Proxy');
    expect(error.message).not.toContain('<title>');
    expect(error.message).not.toContain(TEST_API_KEY);
    expect(error.message.length).toBeLessThanOrEqual(650);
  });

  it('ends streamCompletion with the same server_error before any chunk', async () => {
    const provider = await providerAnswered(200, 'text/html; charset=utf-8');
    const collected = await collectStream(provider.streamCompletion(request));
    expect(collected.chunks).toEqual([]);
    expect(collected.error).toMatchObject({
      type: LLMErrorType.SERVER_ERROR,
      statusCode: 200,
      details: { unexpected_response: true, content_type: 'text/html' },
    });
    expect(collected.error?.message).toContain('Sign in to Corporate Proxy');
    expect(collected.error?.message).not.toContain(TEST_API_KEY);
    expect(collected.error?.message.length).toBeLessThanOrEqual(650);
  });

  it('ends chatCompletion with a server_error when the 200 JSON is not a message', async () => {
    const provider = await providerAnswered(200, 'application/json', () =>
      JSON.stringify({ detail: 'Not authenticated with the gateway' }),
    );
    const error = await rejectionOf(provider.chatCompletion(request));
    expect(error.type).toBe(LLMErrorType.SERVER_ERROR);
    expect(error.details).toMatchObject({ unexpected_response: true });
    expect(error.message).toContain('Not authenticated with the gateway');
  });

  it('ends streamCompletion with a server_error when the 200 answer is JSON instead of SSE', async () => {
    const provider = await providerAnswered(200, 'application/json', () =>
      JSON.stringify({ detail: 'streaming disabled' }),
    );
    const collected = await collectStream(provider.streamCompletion(request));
    expect(collected.chunks).toEqual([]);
    expect(collected.error?.type).toBe(LLMErrorType.SERVER_ERROR);
    expect(collected.error?.message).toContain('streaming disabled');
  });
});

describe('an HTTP error whose body is an HTML page', () => {
  it('reports a 502 page as a server_error with a trimmed excerpt that never holds the API key', async () => {
    const provider = await providerAnswered(502, 'text/html');
    const error = await rejectionOf(provider.chatCompletion(request));
    expect(error.type).toBe(LLMErrorType.SERVER_ERROR);
    expect(error.statusCode).toBe(502);
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('Sign in to Corporate Proxy');
    expect(error.message).toContain('***');
    expect(error.message).not.toContain(TEST_API_KEY);
    expect(error.message).not.toContain('<html>');
    expect(error.message.length).toBeLessThanOrEqual(600);
    expect(error.details?.['content_type']).toBe('text/html');
  });

  it('reports the same 502 excerpt when the call streams', async () => {
    const provider = await providerAnswered(502, 'text/html');
    const collected = await collectStream(provider.streamCompletion(request));
    expect(collected.chunks).toEqual([]);
    expect(collected.error?.type).toBe(LLMErrorType.SERVER_ERROR);
    expect(collected.error?.message).not.toContain(TEST_API_KEY);
    expect(collected.error?.message.length).toBeLessThanOrEqual(600);
  });

  it('reports a 400 page as invalid_request with a short excerpt', async () => {
    const provider = await providerAnswered(400, 'text/html');
    const error = await rejectionOf(provider.chatCompletion(request));
    expect(error.type).toBe(LLMErrorType.INVALID_REQUEST);
    expect(error.statusCode).toBe(400);
    expect(error.message).toContain('Sign in to continue');
    expect(error.message.length).toBeLessThanOrEqual(600);
  });
});
