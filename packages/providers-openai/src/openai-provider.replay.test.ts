import { describe, expect, it } from 'vitest';
import { drain, openAIConfig, streamedText, useSimulator } from './__tests__/simulator';
import { expectedUsage, readWireJson, recordedStreamFacts } from './__tests__/wire';
import { OpenAIProvider } from './openai-provider';

const simulator = useSimulator();
const provider = () => new OpenAIProvider(openAIConfig(simulator.current));
const ask = {
  model: 'gpt-4o',
  messages: [
    { role: 'user' as const, content: 'Invent a new holiday and describe its traditions.' },
  ],
};

interface RecordedCompletion {
  id: string;
  model: string;
  choices: Array<{ message: { content: string }; finish_reason: string }>;
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number } & Record<
    string,
    unknown
  >;
}

describe('recorded OpenAI traffic replayed through the simulator', () => {
  it('returns the recorded completion, finish reason and usage exactly', async () => {
    const recorded = readWireJson<RecordedCompletion>('openai/chat-nonstream-text.json');
    simulator.current.script({ replay: 'openai/chat-nonstream-text.json' });
    const response = await provider().chatCompletion(ask);
    expect(response.content).toBe(recorded.choices[0]!.message.content);
    expect(response.finish_reason).toBe(recorded.choices[0]!.finish_reason);
    expect(response.usage).toEqual(expectedUsage(recorded.usage));
    expect(response.usage.prompt_tokens).toBe(recorded.usage.prompt_tokens);
    expect(response.metadata).toMatchObject({
      response_id: recorded.id,
      raw_usage: recorded.usage,
      extra: { response_model: recorded.model },
    });
  });

  it('streams the recorded text, finish reason and usage exactly', async () => {
    const recorded = recordedStreamFacts('openai/chat-stream-text.sse');
    simulator.current.script({ replay: 'openai/chat-stream-text.sse' });
    const { chunks, error } = await drain(provider().streamCompletion(ask));
    expect(error).toBeUndefined();
    expect(streamedText(chunks)).toBe(recorded.text);
    const finish = chunks.at(-1);
    expect(finish).toMatchObject({ type: 'finish', finish_reason: recorded.finishReason });
    expect(finish?.type === 'finish' && finish.usage).toEqual(expectedUsage(recorded.usage));
    expect(finish?.type === 'finish' && finish.metadata?.raw_usage).toEqual(recorded.usage);
  });

  it('streams the recorded tool call, complete and exact, and its usage', async () => {
    const recorded = recordedStreamFacts('openai/chat-stream-tool-call.sse');
    simulator.current.script({ replay: 'openai/chat-stream-tool-call.sse' });
    const { chunks, error } = await drain(provider().streamCompletion(ask));
    expect(error).toBeUndefined();
    const calls = chunks
      .filter((chunk) => chunk.type === 'tool-call')
      .map((chunk) => chunk.tool_call);
    expect(calls).toEqual(
      recorded.toolCalls.map((call) => ({
        id: call.id,
        type: 'function',
        function: { name: call.name, arguments: call.arguments },
      })),
    );
    const finish = chunks.at(-1);
    expect(finish).toMatchObject({ type: 'finish', finish_reason: recorded.finishReason });
    expect(finish?.type === 'finish' && finish.usage).toEqual(expectedUsage(recorded.usage));
  });
});
