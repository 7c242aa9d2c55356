import { describe, expect, it } from 'vitest';
import { accumulateOpenAIChunks } from '../__tests__/accumulate-streams';
import { azureClient, sharedSimulator } from '../__tests__/clients';
import { fixtureFiles, readSseData } from '../__tests__/read-fixture';

const simulator = await sharedSimulator();
const azure = azureClient(simulator);
const request = { model: 'gpt-5-nano', messages: [{ role: 'user' as const, content: 'hi' }] };

describe('replaying azure/*.sse through AzureOpenAI', () => {
  it.each(fixtureFiles('azure', '.sse'))(
    'yields every recorded chunk of %s, the empty-choices one first',
    async (file) => {
      simulator.script({ replay: file });
      const stream = await azure.chat.completions.create({
        ...request,
        stream: true,
        stream_options: { include_usage: true },
      });
      const chunks: unknown[] = [];
      for await (const chunk of stream) chunks.push(chunk);
      const recorded = readSseData(file);
      expect(chunks).toEqual(recorded);
      expect(chunks[0]).toMatchObject({ choices: [], prompt_filter_results: expect.any(Array) });
    },
  );

  it.each(fixtureFiles('azure', '.sse'))(
    'gives the recorded text and usage of %s',
    async (file) => {
      simulator.script({ replay: file });
      const completion = await azure.chat.completions.stream(request).finalChatCompletion();
      const expected = accumulateOpenAIChunks(readSseData(file));
      expect(completion.choices[0]?.message.content).toBe(expected.text);
      expect(completion.choices[0]?.finish_reason).toBe(expected.finishReason);
      expect(completion.usage).toEqual(expected.usage);
    },
  );

  it('sends the replay to the deployment path with the api-version', async () => {
    simulator.script({ replay: 'azure/chat-stream-model-router.sse' });
    const stream = await azure.chat.completions.create({ ...request, stream: true });
    for await (const _chunk of stream) {
      // drain
    }
    expect(simulator.requests[0]).toMatchObject({
      path: '/openai/deployments/my-gpt-deployment/chat/completions',
      query: { 'api-version': expect.any(String) },
      protocol: 'azure',
      deployment: 'my-gpt-deployment',
    });
  });
});
