import { describe, expect, it } from 'vitest';
import { sharedSimulator } from '../__tests__/clients';

const simulator = await sharedSimulator();
const openaiHeaders = { authorization: 'Bearer test' };
const anthropicHeaders = { 'x-api-key': 'test', 'anthropic-version': '2023-06-01' };

function post(path: string, headers: Record<string, string>, body: string): Promise<Response> {
  return fetch(`${simulator.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
}

async function openaiError(response: Response) {
  expect(response.status).toBe(400);
  return ((await response.json()) as { error: { message: string; param: string; code: string } })
    .error;
}

describe('request bodies the real APIs refuse with a 400', () => {
  it('refuses a chat body that is not JSON with OpenAI’s error body', async () => {
    const response = await post('/v1/chat/completions', openaiHeaders, '{"model": "gpt-4o",');
    const error = await openaiError(response);
    expect(error.message).toMatch(/parse|JSON/i);
  });

  it('refuses a messages body that is not JSON with Anthropic’s invalid_request_error', async () => {
    const response = await post('/v1/messages', anthropicHeaders, 'not json');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      type: 'error',
      error: { type: 'invalid_request_error', message: expect.stringContaining('not valid JSON') },
    });
  });

  it('names the missing model of an OpenAI chat request', async () => {
    const response = await post(
      '/v1/chat/completions',
      openaiHeaders,
      JSON.stringify({ messages: [{ role: 'user', content: 'hi' }] }),
    );
    expect(await openaiError(response)).toMatchObject({
      message: 'you must provide a model parameter',
      param: 'model',
    });
  });

  it('names messages when they are missing, and says so when they are empty', async () => {
    const missing = await openaiError(
      await post('/v1/chat/completions', openaiHeaders, JSON.stringify({ model: 'gpt-4o' })),
    );
    expect(missing).toMatchObject({ param: 'messages', code: 'missing_required_parameter' });
    const empty = await openaiError(
      await post(
        '/v1/chat/completions',
        openaiHeaders,
        JSON.stringify({ model: 'gpt-4o', messages: [] }),
      ),
    );
    expect(empty).toMatchObject({ param: 'messages', code: 'empty_array' });
  });

  it('refuses n other than 1, which it cannot answer', async () => {
    const response = await post(
      '/v1/chat/completions',
      openaiHeaders,
      JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], n: 2 }),
    );
    expect(await openaiError(response)).toMatchObject({
      param: 'n',
      code: 'unsupported_value',
      message: expect.stringContaining('n = 2'),
    });
  });

  it('refuses Anthropic messages that are not a list', async () => {
    const response = await post(
      '/v1/messages',
      anthropicHeaders,
      JSON.stringify({ model: 'claude-sonnet-4-20250514', max_tokens: 5, messages: 'hi' }),
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: {
        type: 'invalid_request_error',
        message: 'messages: Input should be a valid list',
      },
    });
  });

  it('names the missing model and the missing input of an embeddings request', async () => {
    const noModel = await openaiError(
      await post('/v1/embeddings', openaiHeaders, JSON.stringify({ input: 'text' })),
    );
    expect(noModel).toMatchObject({ param: 'model' });
    for (const body of [{ model: 'text-embedding-3-small' }, { model: 'x', input: [] }]) {
      const noInput = await openaiError(
        await post('/v1/embeddings', openaiHeaders, JSON.stringify(body)),
      );
      expect(noInput).toMatchObject({ param: 'input', code: 'missing_required_parameter' });
    }
  });

  it('logs a refused request with its body as sent (undefined when it was not JSON)', async () => {
    const before = simulator.requests.length;
    await post('/v1/chat/completions', openaiHeaders, '{broken');
    const record = simulator.requests[before];
    expect(record).toMatchObject({ method: 'POST', path: '/v1/chat/completions' });
    expect(record?.body).toBeUndefined();
  });
});
