import { APIError, OverloadedError } from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import { anthropicClient, sharedSimulator } from '../__tests__/clients';

const simulator = await sharedSimulator();
const anthropic = anthropicClient(simulator);
const request = {
  model: 'claude-haiku-4-5',
  max_tokens: 64,
  messages: [{ role: 'user' as const, content: 'hi' }],
};

async function failureOf(call: Promise<unknown>): Promise<APIError> {
  const failure = await call.catch((error: unknown) => error);
  if (!(failure instanceof APIError))
    throw new Error(`expected an APIError, got ${String(failure)}`);
  return failure;
}

// Anthropic's documented error type for each status.
const REAL_ANTHROPIC_ERRORS: Array<[status: number, type: string]> = [
  [400, 'invalid_request_error'],
  [401, 'authentication_error'],
  [402, 'billing_error'],
  [403, 'permission_error'],
  [404, 'not_found_error'],
  [413, 'request_too_large'],
  [429, 'rate_limit_error'],
  [500, 'api_error'],
  [504, 'timeout_error'],
  [529, 'overloaded_error'],
];

describe('scripted errors through @anthropic-ai/sdk', () => {
  it.each(REAL_ANTHROPIC_ERRORS)(
    'status %i has error type %s in the Anthropic body shape',
    async (status, type) => {
      simulator.script({ error: { status } });
      const failure = await failureOf(anthropic.messages.create(request));
      expect(failure.status).toBe(status);
      expect(failure.error).toEqual({
        type: 'error',
        error: { type, message: expect.any(String) },
        request_id: failure.requestID,
      });
    },
  );

  it("gives a 529 as the SDK's OverloadedError with message Overloaded", async () => {
    simulator.script({ error: { status: 529 } });
    const failure = await failureOf(anthropic.messages.create(request));
    expect(failure).toBeInstanceOf(OverloadedError);
    expect(failure.error).toMatchObject({ error: { message: 'Overloaded' } });
  });

  it('sends scripted request-id and retry-after headers as given, and the id in the body', async () => {
    simulator.script({
      error: { status: 429 },
      headers: { 'request-id': 'req_011Cscripted', 'retry-after': '12' },
    });
    const failure = await failureOf(anthropic.messages.create(request));
    expect(failure.requestID).toBe('req_011Cscripted');
    expect(failure.headers?.get('retry-after')).toBe('12');
    expect(failure.error).toMatchObject({ request_id: 'req_011Cscripted' });
  });

  it('names the model in a 404', async () => {
    simulator.script({ error: { status: 404 } });
    const failure = await failureOf(anthropic.messages.create({ ...request, model: 'claude-9' }));
    expect(failure.error).toMatchObject({ error: { message: 'model: claude-9' } });
  });
});
