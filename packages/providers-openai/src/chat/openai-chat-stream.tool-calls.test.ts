import { describe, expect, it } from 'vitest';
import { ToolCallAccumulator } from './openai-chat-stream';

describe('ToolCallAccumulator', () => {
  it('turns each fragment into a delta chunk with id and name only where sent', () => {
    const calls = new ToolCallAccumulator();
    expect(
      calls.add({ index: 0, id: 'call_a', function: { name: 'weather', arguments: '' } }),
    ).toEqual({
      type: 'tool-call-delta',
      index: 0,
      id: 'call_a',
      name: 'weather',
      arguments_delta: '',
    });
    expect(calls.add({ index: 0, function: { arguments: '{"city"' } })).toEqual({
      type: 'tool-call-delta',
      index: 0,
      arguments_delta: '{"city"',
    });
  });

  it('joins interleaved fragments of parallel calls by index', () => {
    const calls = new ToolCallAccumulator();
    calls.add({ index: 0, id: 'call_a', function: { name: 'weather', arguments: '{"ci' } });
    calls.add({ index: 1, id: 'call_b', function: { name: 'time', arguments: '{"zo' } });
    calls.add({ index: 0, function: { arguments: 'ty":"Oslo"}' } });
    calls.add({ index: 1, function: { arguments: 'ne":"CET"}' } });
    expect(calls.toolCalls()).toEqual([
      {
        id: 'call_a',
        type: 'function',
        function: { name: 'weather', arguments: '{"city":"Oslo"}' },
      },
      { id: 'call_b', type: 'function', function: { name: 'time', arguments: '{"zone":"CET"}' } },
    ]);
  });

  it('completes each call exactly once, in index order', () => {
    const calls = new ToolCallAccumulator();
    calls.add({ index: 1, id: 'b', function: { name: 'second', arguments: '{}' } });
    calls.add({ index: 0, id: 'a', function: { name: 'first', arguments: '{}' } });
    expect(calls.complete().map((chunk) => chunk.tool_call.id)).toEqual(['a', 'b']);
    expect(calls.complete()).toEqual([]);
  });

  it('gives a call without an id a stable one from its index', () => {
    const calls = new ToolCallAccumulator();
    calls.add({ index: 2, function: { name: 'ping', arguments: '{}' } });
    expect(calls.toolCalls()[0]?.id).toBe('call_2');
  });
});
