import { APIError } from 'openai';
import { describe, expect, it } from 'vitest';
import { accumulateOpenAIChunks } from '../__tests__/accumulate-streams';
import { openaiClient, sharedSimulator } from '../__tests__/clients';
import { fixtureFiles, readFixture, readSseData } from '../__tests__/read-fixture';

const simulator = await sharedSimulator();
const openai = openaiClient(simulator);
const request = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'hi' }] };

describe('replaying openai/*.sse through the openai SDK', () => {
  it.each(fixtureFiles('openai', '.sse'))('yields every recorded chunk of %s', async (file) => {
    simulator.script({ replay: file });
    const stream = await openai.chat.completions.create({
      ...request,
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks: unknown[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks).toEqual(readSseData(file));
  });

  it.each(fixtureFiles('openai', '.sse'))(
    'gives the recorded text, tool calls and usage of %s',
    async (file) => {
      simulator.script({ replay: file });
      const completion = await openai.chat.completions.stream(request).finalChatCompletion();
      const expected = accumulateOpenAIChunks(readSseData(file));
      const message = completion.choices[0]?.message;
      expect(message?.content ?? '').toBe(expected.text);
      const toolCalls = (message?.tool_calls ?? []).map((call) =>
        call.type === 'function'
          ? { id: call.id, name: call.function.name, arguments: call.function.arguments }
          : call,
      );
      expect(toolCalls).toEqual(expected.toolCalls);
      expect(completion.choices[0]?.finish_reason).toBe(expected.finishReason);
      expect(completion.usage).toEqual(expected.usage);
    },
  );
});

describe('replaying openai/*.json through the openai SDK', () => {
  const bodies = fixtureFiles('openai', '.json').filter((file) => !file.includes('/error-'));

  it.each(bodies)('returns %s as the response object', async (file) => {
    simulator.script({ replay: file });
    const response = file.includes('/embeddings')
      ? await openai.embeddings.create({
          model: 'text-embedding-3-small',
          input: ['a', 'b'],
          encoding_format: 'float',
        })
      : await openai.chat.completions.create(request);
    expect(response).toEqual(JSON.parse(readFixture(file)));
  });

  it.each(fixtureFiles('openai', '.json').filter((file) => file.includes('/error-')))(
    'raises %s as an APIError with the status in its name and the recorded error',
    async (file) => {
      simulator.script({ replay: file });
      const failure = await openai.chat.completions
        .create(request)
        .catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(APIError);
      const apiError = failure as APIError;
      expect(apiError.status).toBe(Number(/error-(\d{3})/.exec(file)?.[1]));
      expect(apiError.error).toEqual((JSON.parse(readFixture(file)) as { error: unknown }).error);
    },
  );
});
