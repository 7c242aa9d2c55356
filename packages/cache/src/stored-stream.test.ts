import { describe, expect, it } from 'vitest';
import type { FinishChunk, LLMStreamChunk } from '@llm/core';
import { replayStoredStream, StreamRecorder } from './stored-stream';

const finish: FinishChunk = {
  type: 'finish',
  finish_reason: 'tool_calls',
  usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
  model: 'gpt-4o-2024-08-06',
  metadata: { provider_name: 'openai' },
};

/** The completed weather call the replay tests stream and expect back. */
const weatherCall: LLMStreamChunk = {
  type: 'tool-call',
  index: 0,
  tool_call: {
    id: 'call_1',
    type: 'function',
    function: { name: 'weather', arguments: '{"c":1}' },
  },
};

function record(chunks: readonly LLMStreamChunk[]) {
  const recorder = new StreamRecorder();
  for (const chunk of chunks) recorder.add(chunk);
  return recorder.stored();
}

describe('StreamRecorder', () => {
  it('stores the joined text and reasoning, the tool calls and the finish chunk, not the chunks', () => {
    const stored = record([
      { type: 'reasoning-delta', delta: 'think ' },
      { type: 'reasoning-delta', delta: 'hard' },
      { type: 'text-delta', delta: 'Hel' },
      { type: 'text-delta', delta: 'lo' },
      { type: 'tool-call-delta', index: 0, id: 'call_1', name: 'weather', arguments_delta: '{"ci' },
      { type: 'tool-call-delta', index: 1, id: 'call_2', name: 'time', arguments_delta: '{}' },
      { type: 'tool-call-delta', index: 0, arguments_delta: 'ty":"Oslo"}' },
      {
        type: 'tool-call',
        index: 0,
        tool_call: {
          id: 'call_1',
          type: 'function',
          function: { name: 'weather', arguments: '{"city":"Oslo"}' },
        },
      },
      finish,
    ]);
    expect(stored).toEqual({
      reasoning: 'think hard',
      text: 'Hello',
      tool_calls: [
        {
          index: 0,
          id: 'call_1',
          name: 'weather',
          arguments: '{"city":"Oslo"}',
          tool_call: {
            id: 'call_1',
            type: 'function',
            function: { name: 'weather', arguments: '{"city":"Oslo"}' },
          },
        },
        { index: 1, id: 'call_2', name: 'time', arguments: '{}' },
      ],
      finish,
    });
  });

  it('keeps only the answer after the last restart, and nothing before the finish chunk', () => {
    const recorder = new StreamRecorder();
    recorder.add({ type: 'text-delta', delta: 'half an ans' });
    recorder.add({ type: 'tool-call-delta', index: 0, arguments_delta: '{' });
    expect(recorder.stored()).toBeUndefined();
    recorder.add({ type: 'restart', reason: 'server_error', attempt: 2 });
    recorder.add({ type: 'text-delta', delta: 'whole answer' });
    recorder.add({ ...finish, finish_reason: 'stop' });
    expect(recorder.stored()).toEqual({
      text: 'whole answer',
      finish: { ...finish, finish_reason: 'stop' },
    });
  });
});

describe('replayStoredStream', () => {
  it('yields one chunk per part: reasoning, text, each tool call as a delta and its call, then finish', () => {
    const chunks: LLMStreamChunk[] = [
      { type: 'text-delta', delta: 'Let me check. ' },
      { type: 'reasoning-delta', delta: 'the user wants weather' },
      { type: 'tool-call-delta', index: 0, id: 'call_1', name: 'weather', arguments_delta: '{"c' },
      { type: 'tool-call-delta', index: 0, arguments_delta: '":1}' },
      weatherCall,
      { type: 'tool-call-delta', index: 1, arguments_delta: '{}' },
      finish,
    ];
    expect(replayStoredStream(record(chunks)!)).toEqual([
      { type: 'reasoning-delta', delta: 'the user wants weather' },
      { type: 'text-delta', delta: 'Let me check. ' },
      {
        type: 'tool-call-delta',
        index: 0,
        id: 'call_1',
        name: 'weather',
        arguments_delta: '{"c":1}',
      },
      weatherCall,
      { type: 'tool-call-delta', index: 1, arguments_delta: '{}' },
      finish,
    ]);
  });

  it('replays an empty answer as its finish chunk alone, and survives a JSON round trip', () => {
    const stored = record([finish])!;
    expect(replayStoredStream(JSON.parse(JSON.stringify(stored)))).toEqual([finish]);
  });

  it('replays an entry stored as chunks by an older version, from after its last restart', () => {
    const legacy: LLMStreamChunk[] = [
      { type: 'text-delta', delta: 'lost' },
      { type: 'restart', reason: 'timeout', attempt: 2 },
      { type: 'text-delta', delta: 'kept' },
      finish,
    ];
    expect(replayStoredStream(legacy)).toEqual([{ type: 'text-delta', delta: 'kept' }, finish]);
  });
});
