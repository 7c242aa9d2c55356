import { APIError } from 'openai';
import { describe, expect, it } from 'vitest';
import { AZURE_API_VERSION, azureClient, sharedSimulator } from '../__tests__/clients';

const simulator = await sharedSimulator();
const azure = azureClient(simulator, 'prod-gpt4o');
const request = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'Hello Azure' }] };

async function failureOf(call: Promise<unknown>): Promise<APIError> {
  const failure = await call.catch((error: unknown) => error);
  if (!(failure instanceof APIError))
    throw new Error(`expected an APIError, got ${String(failure)}`);
  return failure;
}

describe('Azure OpenAI chat completions', () => {
  it('echoes with the deployment as the model and content-filter annotations', async () => {
    const completion = await azure.chat.completions.create(request);
    expect(completion.model).toBe('prod-gpt4o');
    expect(completion.choices[0]?.message.content).toBe('Hello Azure');
    expect(completion).toMatchObject({
      prompt_filter_results: [
        {
          prompt_index: 0,
          content_filter_results: { hate: { filtered: false, severity: 'safe' } },
        },
      ],
      choices: [{ content_filter_results: { violence: { filtered: false, severity: 'safe' } } }],
    });
  });

  it('starts a stream with an empty-choices chunk carrying prompt_filter_results', async () => {
    const stream = await azure.chat.completions.create({
      ...request,
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk as unknown as Record<string, unknown>);
    expect(chunks[0]).toMatchObject({
      choices: [],
      id: '',
      model: '',
      prompt_filter_results: expect.any(Array),
    });
    const choiceChunks = chunks.filter((chunk) => (chunk['choices'] as unknown[]).length > 0);
    expect(
      choiceChunks.every(
        (chunk) =>
          (chunk['choices'] as Array<Record<string, unknown>>)[0]?.['content_filter_results'] !==
          undefined,
      ),
    ).toBe(true);
    expect(chunks[chunks.length - 1]).toMatchObject({
      choices: [],
      usage: { prompt_tokens: expect.any(Number) },
    });
  });

  it('reports filtered categories with finish_reason content_filter', async () => {
    simulator.script({ reply: { text: 'partial', content_filter: ['violence'] } });
    const completion = await azure.chat.completions.create(request);
    expect(completion.choices[0]?.finish_reason).toBe('content_filter');
    expect(completion.choices[0]).toMatchObject({
      content_filter_results: { violence: { filtered: true, severity: 'high' } },
    });
  });

  it('sends a content_filter 400 with the filter categories in innererror', async () => {
    simulator.script({
      error: { status: 400, code: 'content_filter', content_filter: ['sexual'] },
    });
    const failure = await failureOf(azure.chat.completions.create(request));
    expect(failure.status).toBe(400);
    expect(failure.code).toBe('content_filter');
    expect(failure.error).toMatchObject({
      param: 'prompt',
      innererror: {
        code: 'ResponsibleAIPolicyViolation',
        content_filter_result: { sexual: { filtered: true } },
      },
    });
  });

  it("sends Azure's own 429 body naming the api-version", async () => {
    simulator.script({ error: { status: 429 }, headers: { 'retry-after': '1' } });
    const failure = await failureOf(azure.chat.completions.create(request));
    expect(failure.error).toEqual({
      code: '429',
      message: expect.stringContaining(`API version ${AZURE_API_VERSION}`),
    });
    expect(failure.headers?.get('retry-after')).toBe('1');
  });

  it('answers a request without api-version with 404 Resource not found', async () => {
    const response = await fetch(
      `${simulator.azureEndpoint}/openai/deployments/prod-gpt4o/chat/completions`,
      {
        method: 'POST',
        headers: { 'api-key': 'test', 'content-type': 'application/json' },
        body: JSON.stringify(request),
      },
    );
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: { code: '404', message: 'Resource not found' },
    });
  });

  it('puts x-request-id and apim-request-id on its responses', async () => {
    const { response } = await azure.chat.completions.create(request).withResponse();
    expect(response.headers.get('x-request-id')).toBeTruthy();
    expect(response.headers.get('apim-request-id')).toBeTruthy();
  });
});
