import { APIError, RateLimitError } from 'openai';
import { describe, expect, it } from 'vitest';
import { openaiClient, sharedSimulator } from '../__tests__/clients';

const simulator = await sharedSimulator();
const openai = openaiClient(simulator);
const request = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'hi' }] };

async function failureOf(call: Promise<unknown>): Promise<APIError> {
  const failure = await call.catch((error: unknown) => error);
  if (!(failure instanceof APIError))
    throw new Error(`expected an APIError, got ${String(failure)}`);
  return failure;
}

// The type and code api.openai.com puts in its error bodies for each status.
const REAL_OPENAI_ERRORS: Array<[status: number, type: string, code: string | null]> = [
  [400, 'invalid_request_error', null],
  [401, 'invalid_request_error', 'invalid_api_key'],
  [403, 'request_forbidden', 'unsupported_country_region_territory'],
  [404, 'invalid_request_error', 'model_not_found'],
  [409, 'invalid_request_error', null],
  [422, 'invalid_request_error', null],
  [429, 'requests', 'rate_limit_exceeded'],
  [500, 'server_error', null],
  [502, 'server_error', null],
  [503, 'server_error', null],
];

describe('scripted errors through the openai SDK', () => {
  it.each(REAL_OPENAI_ERRORS)(
    'status %i has type %s and code %s with param null',
    async (status, type, code) => {
      simulator.script({ error: { status } });
      const failure = await failureOf(openai.chat.completions.create(request));
      expect(failure.status).toBe(status);
      expect(failure.error).toEqual({ message: expect.any(String), type, param: null, code });
    },
  );

  it('names the model in a 404', async () => {
    simulator.script({ error: { status: 404 } });
    const failure = await failureOf(openai.chat.completions.create({ ...request, model: 'gpt-9' }));
    expect(failure.message).toContain('The model `gpt-9` does not exist');
  });

  it('sends scripted retry-after, retry-after-ms and x-request-id headers as given', async () => {
    simulator.script({
      error: { status: 429 },
      headers: { 'retry-after': '7', 'retry-after-ms': '6500', 'x-request-id': 'req_scripted' },
    });
    const failure = await failureOf(openai.chat.completions.create(request));
    expect(failure).toBeInstanceOf(RateLimitError);
    expect(failure.headers?.get('retry-after')).toBe('7');
    expect(failure.headers?.get('retry-after-ms')).toBe('6500');
    expect(failure.requestID).toBe('req_scripted');
  });

  it('gives insufficient_quota as both type and code', async () => {
    simulator.script({ error: { status: 429, type: 'insufficient_quota' } });
    const failure = await failureOf(openai.chat.completions.create(request));
    expect(failure.error).toMatchObject({ type: 'insufficient_quota', code: 'insufficient_quota' });
  });

  it('uses the scripted message, code and param', async () => {
    simulator.script({
      error: {
        status: 400,
        message: 'context too long',
        code: 'context_length_exceeded',
        param: 'messages',
      },
    });
    const failure = await failureOf(openai.chat.completions.create(request));
    expect(failure.error).toEqual({
      message: 'context too long',
      type: 'invalid_request_error',
      param: 'messages',
      code: 'context_length_exceeded',
    });
  });

  it('sends a scripted body verbatim', async () => {
    const body = {
      error: { message: 'custom', type: 'weird', param: null, code: 'odd' },
      extra: true,
    };
    simulator.script({ error: { status: 418, body } });
    const failure = await failureOf(openai.chat.completions.create(request));
    expect(failure.status).toBe(418);
    expect(failure.error).toEqual(body.error);
  });

  it("answers an unknown path with OpenAI's Invalid URL 404", async () => {
    const failure = await failureOf(openai.get('/nothing-here'));
    expect(failure.status).toBe(404);
    expect(failure.error).toMatchObject({
      message: 'Invalid URL (GET /v1/nothing-here)',
      type: 'invalid_request_error',
    });
  });
});
