import { describe, expect, it } from 'vitest';
import { openaiToolCallDeltas } from './openai-chat';

const calls = [
  { id: 'call_a', name: 'first', arguments: '{"x":1}' },
  { id: 'call_b', name: 'second', arguments: '{"y":2}' },
];

describe('openaiToolCallDeltas', () => {
  it('opens each call with its id, type and name and empty arguments', () => {
    const deltas = openaiToolCallDeltas(calls, 4, false);
    expect(deltas[0]).toEqual({
      index: 0,
      id: 'call_a',
      type: 'function',
      function: { name: 'first', arguments: '' },
    });
  });

  it('sends argument fragments with only the index', () => {
    const deltas = openaiToolCallDeltas(calls, 4, false);
    expect(deltas.slice(1, 3)).toEqual([
      { index: 0, function: { arguments: '{"x"' } },
      { index: 0, function: { arguments: ':1}' } },
    ]);
  });

  it('alternates the calls round-robin when interleaved', () => {
    const indexes = openaiToolCallDeltas(calls, 4, true).map((delta) => delta['index']);
    expect(indexes).toEqual([0, 1, 0, 1, 0, 1]);
  });
});
