import {
  LLMError,
  LLMErrorType,
  type LLMStreamChunk,
  type StreamEventSkippedInfo,
} from '@llm/core';
import { fileURLToPath } from 'node:url';
import { simulatorPromptTokens, simulatorTokenCount, startSimulator } from '@llm/testing';
import { describe, expect, it } from 'vitest';
import { AzureOpenAIProvider } from './azure/azure-openai-provider';
import {
  azureConfig,
  drain,
  openAIConfig,
  streamedText,
  useSimulator,
} from './__tests__/simulator';
import { expectedUsage, readWireSseData, recordedStreamFacts } from './__tests__/wire';
import { OpenAIProvider } from './openai-provider';

const simulator = useSimulator();
const provider = () => new OpenAIProvider(openAIConfig(simulator.current));
const messages = [{ role: 'user' as const, content: 'Tell me about lighthouses.' }];
const ask = { model: 'gpt-4o', messages };
const text = 'Lighthouses guide ships along dangerous coasts at night.';

/** A stream drained with a hook that records every skipped event. */
async function streamRecordingSkips(stream: (hook: CallbackHook) => AsyncIterable<LLMStreamChunk>) {
  const skipped: StreamEventSkippedInfo[] = [];
  const result = await drain(stream((info) => skipped.push(info)));
  return { ...result, skipped };
}
type CallbackHook = (info: StreamEventSkippedInfo) => void;

const finishOf = (chunks: readonly LLMStreamChunk[]) => {
  const finish = chunks.at(-1);
  return finish?.type === 'finish' ? finish : undefined;
};

describe('stream events that cannot be parsed', () => {
  it('skips one garbled event mid-stream: the full text and exact usage, the hook called once', async () => {
    simulator.current.script({
      reply: { text, chunk_size: 6 },
      fault: 'garbled-event',
      afterChunks: 3,
    });
    const { chunks, error, skipped } = await streamRecordingSkips((hook) =>
      provider().streamCompletion(ask, { onStreamEventSkipped: hook }),
    );
    expect(error).toBeUndefined();
    expect(streamedText(chunks)).toBe(text);
    expect(finishOf(chunks)?.usage.estimated).toBeUndefined();
    expect(finishOf(chunks)?.usage).toMatchObject({
      prompt_tokens: simulatorPromptTokens(messages),
      completion_tokens: simulatorTokenCount(text),
      total_tokens: simulatorPromptTokens(messages) + simulatorTokenCount(text),
    });
    expect(skipped).toEqual([
      {
        provider: 'openai',
        model: 'gpt-4o',
        index: 3,
        reason: 'invalid_json',
        excerpt: expect.stringContaining('"content":"garbled') as unknown as string,
      },
    ]);
  });

  it('fails with a typed error, and no finish, when a garbled event is followed by the end of the stream', async () => {
    simulator.current.script({
      reply: { text, chunk_size: 6 },
      fault: 'malformed-json',
      afterChunks: 3,
    });
    const { chunks, error, skipped } = await streamRecordingSkips((hook) =>
      provider().streamCompletion(ask, { onStreamEventSkipped: hook }),
    );
    expect(LLMError.is(error) && error).toMatchObject({
      type: LLMErrorType.SERVER_ERROR,
      retryable: true,
      details: { incomplete_stream: true, malformed_response: true, skipped_events: 1 },
    });
    expect(LLMError.is(error) && error.usage?.estimated).toBe(true);
    expect(chunks.some((chunk) => chunk.type === 'finish')).toBe(false);
    expect(skipped).toHaveLength(1);
  });

  it('replays the recorded text stream with a garbled event: exact text and usage', async () => {
    const recorded = recordedStreamFacts('openai/chat-stream-text.sse');
    simulator.current.script({
      replay: 'openai/chat-stream-text.sse',
      fault: 'garbled-event',
      afterChunks: 40,
    });
    const { chunks, error, skipped } = await streamRecordingSkips((hook) =>
      provider().streamCompletion(ask, { onStreamEventSkipped: hook }),
    );
    expect(error).toBeUndefined();
    expect(streamedText(chunks)).toBe(recorded.text);
    expect(finishOf(chunks)).toMatchObject({ finish_reason: recorded.finishReason });
    expect(finishOf(chunks)?.usage).toEqual(expectedUsage(recorded.usage));
    expect(skipped.map((info) => info.index)).toEqual([40]);
  });

  it('replays the recorded tool call with a garbled event: the exact call and usage', async () => {
    const recorded = recordedStreamFacts('openai/chat-stream-tool-call.sse');
    simulator.current.script({
      replay: 'openai/chat-stream-tool-call.sse',
      fault: 'garbled-event',
      afterChunks: 2,
    });
    const { chunks, error, skipped } = await streamRecordingSkips((hook) =>
      provider().streamCompletion(ask, { onStreamEventSkipped: hook }),
    );
    expect(error).toBeUndefined();
    expect(
      chunks.filter((chunk) => chunk.type === 'tool-call').map((chunk) => chunk.tool_call),
    ).toEqual(
      recorded.toolCalls.map((call) => ({
        id: call.id,
        type: 'function',
        function: { name: call.name, arguments: call.arguments },
      })),
    );
    expect(finishOf(chunks)?.usage).toEqual(expectedUsage(recorded.usage));
    expect(skipped).toHaveLength(1);
  });

  it('replays the recorded Azure stream with a garbled event: exact text and usage', async () => {
    const recorded = recordedStreamFacts('azure/chat-stream-model-router.sse');
    simulator.current.script({
      replay: 'azure/chat-stream-model-router.sse',
      fault: 'garbled-event',
      afterChunks: 1,
    });
    const azure = new AzureOpenAIProvider(azureConfig(simulator.current));
    const { chunks, error, skipped } = await streamRecordingSkips((hook) =>
      azure.streamCompletion({ model: 'gpt-5-nano', messages }, { onStreamEventSkipped: hook }),
    );
    expect(error).toBeUndefined();
    expect(streamedText(chunks)).toBe(recorded.text);
    expect(finishOf(chunks)?.usage).toEqual(expectedUsage(recorded.usage));
    expect(skipped).toMatchObject([{ provider: 'azure', model: 'gpt-5-nano', index: 1 }]);
  });

  it('streams as before without a hook', async () => {
    simulator.current.script({ reply: { text }, fault: 'garbled-event' });
    const { chunks, error } = await drain(provider().streamCompletion(ask));
    expect(error).toBeUndefined();
    expect(streamedText(chunks)).toBe(text);
  });
});

describe('a stream that finished without [DONE]', () => {
  it('completes with its usage as soon as the finish and the usage arrived, though the server holds the connection open', async () => {
    const recorded = recordedStreamFacts('openai/chat-stream-text.sse');
    const frames = readWireSseData('openai/chat-stream-text.sse').length;
    // Every recorded frame but `[DONE]`, then the server stalls without closing.
    simulator.current.script({
      replay: 'openai/chat-stream-text.sse',
      fault: 'hang',
      afterChunks: frames,
    });
    const startedAt = Date.now();
    const { chunks, error } = await drain(provider().streamCompletion(ask));
    expect(error).toBeUndefined();
    expect(Date.now() - startedAt).toBeLessThan(2000);
    expect(streamedText(chunks)).toBe(recorded.text);
    expect(finishOf(chunks)?.usage).toEqual(expectedUsage(recorded.usage));
  });
});

describe('events that are JSON but not a chunk', () => {
  it('skips each as unexpected_shape and ignores whatever follows [DONE]', async () => {
    const local = await startSimulator({
      wireDir: fileURLToPath(new URL('./__fixtures__', import.meta.url)),
    });
    try {
      local.script({ replay: 'openai/stream-unexpected-shapes.sse' });
      const { chunks, error, skipped } = await streamRecordingSkips((hook) =>
        new OpenAIProvider(openAIConfig(local)).streamCompletion(ask, {
          onStreamEventSkipped: hook,
        }),
      );
      expect(error).toBeUndefined();
      expect(streamedText(chunks)).toBe('Hello, world');
      expect(finishOf(chunks)?.usage).toMatchObject({
        prompt_tokens: 11,
        completion_tokens: 3,
        total_tokens: 14,
      });
      expect(skipped.map(({ index, reason, excerpt }) => ({ index, reason, excerpt }))).toEqual([
        { index: 1, reason: 'unexpected_shape', excerpt: '42' },
        { index: 2, reason: 'unexpected_shape', excerpt: '["not","a","chunk"]' },
        { index: 3, reason: 'unexpected_shape', excerpt: 'null' },
      ]);
    } finally {
      await local.close();
    }
  });
});
