import type { LLMStreamChunk } from '@llm/core';
import { describe, expect, it } from 'vitest';
import { readWireSseData, recordedStreamFacts } from '../__tests__/wire';
import { OpenAIStreamAccumulator, type OpenAIWireChunk } from './openai-chat-stream';

function replay(name: string): { state: OpenAIStreamAccumulator; chunks: LLMStreamChunk[] } {
  const state = new OpenAIStreamAccumulator();
  const chunks = readWireSseData<OpenAIWireChunk>(name).flatMap((frame) => state.push(frame));
  chunks.push(...state.completeToolCalls());
  return { state, chunks };
}

const textOf = (chunks: LLMStreamChunk[]) =>
  chunks.map((chunk) => (chunk.type === 'text-delta' ? chunk.delta : '')).join('');

describe('OpenAIStreamAccumulator', () => {
  it('yields the recorded text stream delta by delta, exactly', () => {
    const recorded = recordedStreamFacts('openai/chat-stream-text.sse');
    const { state, chunks } = replay('openai/chat-stream-text.sse');
    expect(textOf(chunks)).toBe(recorded.text);
    expect(state.text).toBe(recorded.text);
    expect(state.rawFinishReason).toBe(recorded.finishReason);
    expect(state.rawUsage).toEqual(recorded.usage);
  });

  it('completes the recorded tool call only when the model finished', () => {
    const recorded = recordedStreamFacts('openai/chat-stream-tool-call.sse');
    const state = new OpenAIStreamAccumulator();
    const frames = readWireSseData<OpenAIWireChunk>('openai/chat-stream-tool-call.sse');
    const finishAt = frames.findIndex((frame) => frame.choices?.[0]?.finish_reason);
    const before = frames.slice(0, finishAt).flatMap((frame) => state.push(frame));
    expect(before.some((chunk) => chunk.type === 'tool-call')).toBe(false);
    const atFinish = state.push(frames[finishAt]!);
    expect(atFinish).toEqual([
      {
        type: 'tool-call',
        index: 0,
        tool_call: {
          id: recorded.toolCalls[0]!.id,
          type: 'function',
          function: {
            name: recorded.toolCalls[0]!.name,
            arguments: recorded.toolCalls[0]!.arguments,
          },
        },
      },
    ]);
    const deltas = before.filter((chunk) => chunk.type === 'tool-call-delta');
    expect(deltas.map((chunk) => chunk.arguments_delta).join('')).toBe(
      recorded.toolCalls[0]!.arguments,
    );
  });

  it("skips Azure's first chunk without choices but keeps its prompt filter results", () => {
    const frames = readWireSseData<OpenAIWireChunk>('azure/chat-stream-model-router.sse');
    const { state, chunks } = replay('azure/chat-stream-model-router.sse');
    expect(new OpenAIStreamAccumulator().push(frames[0]!)).toEqual([]);
    expect(state.promptFilterResults).toEqual(frames[0]!.prompt_filter_results);
    expect(textOf(chunks)).toBe(recordedStreamFacts('azure/chat-stream-model-router.sse').text);
  });

  it('turns reasoning_content deltas into reasoning-delta chunks before the answer', () => {
    const state = new OpenAIStreamAccumulator();
    const chunks = [
      { choices: [{ index: 0, delta: { reasoning_content: 'Think', content: null } }] },
      { choices: [{ index: 0, delta: { reasoning_content: 'ing.', content: null } }] },
      { choices: [{ index: 0, delta: { content: 'Answer' }, finish_reason: 'stop' }] },
    ].flatMap((frame) => state.push(frame));
    expect(chunks).toEqual([
      { type: 'reasoning-delta', delta: 'Think' },
      { type: 'reasoning-delta', delta: 'ing.' },
      { type: 'text-delta', delta: 'Answer' },
    ]);
    expect(state.reasoning).toBe('Thinking.');
  });

  it('follows only the first choice', () => {
    const state = new OpenAIStreamAccumulator();
    state.push({
      choices: [
        { index: 1, delta: { content: 'other' } },
        { index: 0, delta: { content: 'first' } },
      ],
    });
    expect(state.text).toBe('first');
  });

  it('is not finished until a finish_reason arrives', () => {
    const state = new OpenAIStreamAccumulator();
    state.push({ choices: [{ index: 0, delta: { content: 'partial' } }] });
    expect(state.finished).toBe(false);
  });
});
