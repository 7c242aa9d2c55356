import { BODY_EXCERPT_LIMIT, LLMError, type LLMProviderConfig } from '@llm/core';
import { afterEach, describe, expect, it } from 'vitest';
import { AzureOpenAIProvider } from './azure/azure-openai-provider';
import { OpenAIProvider } from './openai-provider';
import { answerHtml, closedPort, startPlainServer, type PlainServer } from '@llm/testing';
import { drain, TEST_API_KEY } from './__tests__/simulator';

const ask = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'hi' }] };
const LOGIN_PAGE = `<!doctype html><html><head><title>Sign in</title><style>body{color:red}</style></head>
<body><h1>Corporate proxy: please sign in</h1><form action="/login"></form></body></html>`;
/** A 20 KB gateway page that echoes the request's Authorization header back, key included. */
const GATEWAY_PAGE = `<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1>
<p>Upstream failed. Request headers: Authorization: Bearer ${TEST_API_KEY}</p>
${'<p>trace line of the upstream failure</p>\n'.repeat(500)}</body></html>`;

let server: PlainServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function openAIAt(baseURL: string, overrides: Partial<LLMProviderConfig> = {}) {
  return new OpenAIProvider({
    name: 'openai',
    type: 'openai',
    api_key: TEST_API_KEY,
    base_url: baseURL,
    models: [{ name: 'gpt-4o' }],
    enabled: true,
    timeout: 10_000,
    max_retries: 0,
    ...overrides,
  });
}

function azureAt(endpoint: string) {
  return new AzureOpenAIProvider({
    name: 'azure',
    type: 'azure',
    api_key: TEST_API_KEY,
    endpoint,
    api_version: '2024-10-21',
    models: [{ name: 'gpt-4o', deployment: 'prod-gpt4o' }],
    enabled: true,
    timeout: 10_000,
    max_retries: 0,
  });
}

async function failure(promise: Promise<unknown>): Promise<LLMError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!LLMError.is(error)) throw new Error(`expected an LLMError, got ${String(error)}`);
  return error;
}

async function streamFailure(chunks: AsyncIterable<unknown>): Promise<LLMError> {
  const { error } = await drain(chunks as never);
  if (!LLMError.is(error)) throw new Error(`expected an LLMError, got ${String(error)}`);
  return error;
}

describe('a 200 answer that is not the protocol (a proxy login page)', () => {
  it('rejects an OpenAI chat call as a server_error quoting the page, not as an empty answer', async () => {
    server = await startPlainServer(answerHtml(200, LOGIN_PAGE));
    const error = await failure(openAIAt(`${server.origin}/v1`).chatCompletion(ask));
    expect(error).toMatchObject({ type: 'server_error', statusCode: 200 });
    expect(error.message).toContain('text/html');
    expect(error.message).toContain('Corporate proxy: please sign in');
    expect(error.message).not.toContain('<h1>');
  });

  it('rejects an OpenAI stream as a server_error quoting the page, before any chunk', async () => {
    server = await startPlainServer(answerHtml(200, LOGIN_PAGE));
    const { chunks, error } = await drain(
      openAIAt(`${server.origin}/v1`).streamCompletion(ask) as never,
    );
    expect(chunks).toEqual([]);
    expect(LLMError.is(error)).toBe(true);
    expect(error).toMatchObject({ type: 'server_error', statusCode: 200 });
    expect((error as Error).message).toContain('Corporate proxy: please sign in');
  });

  it('rejects an embeddings call as a server_error quoting the page', async () => {
    server = await startPlainServer(answerHtml(200, LOGIN_PAGE));
    const provider = openAIAt(`${server.origin}/v1`, {
      models: [{ name: 'text-embedding-3-small', mode: 'embedding' }],
    });
    const error = await failure(provider.embed({ model: 'text-embedding-3-small', input: 'hi' }));
    expect(error).toMatchObject({ type: 'server_error', statusCode: 200 });
    expect(error.message).toContain('Corporate proxy: please sign in');
  });

  it('rejects an Azure chat call and stream the same way', async () => {
    server = await startPlainServer(answerHtml(200, LOGIN_PAGE));
    const chat = await failure(azureAt(server.origin).chatCompletion(ask));
    const stream = await streamFailure(azureAt(server.origin).streamCompletion(ask));
    for (const error of [chat, stream]) {
      expect(error).toMatchObject({ type: 'server_error', statusCode: 200 });
      expect(error.message).toContain('Corporate proxy: please sign in');
    }
  });
});

describe('a 5xx answer with an HTML page', () => {
  it('reports a trimmed, secret-free excerpt of the page instead of the whole page', async () => {
    server = await startPlainServer(answerHtml(502, GATEWAY_PAGE));
    const chat = await failure(openAIAt(`${server.origin}/v1`).chatCompletion(ask));
    const stream = await streamFailure(openAIAt(`${server.origin}/v1`).streamCompletion(ask));
    for (const error of [chat, stream]) {
      expect(error).toMatchObject({ type: 'server_error', statusCode: 502, retryable: true });
      expect(error.message).toContain('502 Bad Gateway');
      expect(error.message).not.toContain('(no body)');
      expect(error.message.length).toBeLessThanOrEqual(BODY_EXCERPT_LIMIT + 100);
      expect(JSON.stringify(error)).not.toContain(TEST_API_KEY);
    }
  });
});

describe('network failures', () => {
  it('names the cause and the address of a refused connection, and stays retryable', async () => {
    const port = await closedPort();
    const error = await failure(openAIAt(`http://127.0.0.1:${port}/v1`).chatCompletion(ask));
    expect(error).toMatchObject({ type: 'network', retryable: true });
    expect(error.message).toContain(`ECONNREFUSED 127.0.0.1:${port}`);
  });

  it('fails at once, not retryable, for a host that does not exist (ENOTFOUND)', async () => {
    const error = await failure(
      openAIAt('http://api.does-not-exist.invalid/v1').chatCompletion(ask),
    );
    expect(error).toMatchObject({ type: 'network', retryable: false });
    expect(error.message).toContain('ENOTFOUND api.does-not-exist.invalid');
  });

  it.each([
    ['a URL without a scheme', 'localhost:8080/v1'],
    ['an ftp:// URL', 'ftp://127.0.0.1/v1'],
  ])('refuses %s before any request, not retryable', async (_name, baseURL) => {
    const chat = await failure(openAIAt(baseURL).chatCompletion(ask));
    const stream = await streamFailure(openAIAt(baseURL).streamCompletion(ask));
    for (const error of [chat, stream]) {
      expect(error).toMatchObject({ type: 'invalid_request', retryable: false });
      expect(error.message).toContain(`base_url "${baseURL}" is not an http:// or https:// URL`);
    }
  });
});
