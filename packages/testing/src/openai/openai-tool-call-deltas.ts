import type { SimulatedToolCall } from '../answer/simulated-answer';
import { splitText } from '../answer/split-text';
import { randomIds } from '../ids/random-ids';

type ToolCallDelta = Record<string, unknown>;

function deltasOfCall(call: SimulatedToolCall, index: number, chunkSize: number): ToolCallDelta[] {
  const header = {
    index,
    id: call.id ?? randomIds.toolCall(),
    type: 'function',
    function: { name: call.name, arguments: '' },
  };
  const fragments = splitText(call.arguments, chunkSize).map((fragment) => ({
    index,
    function: { arguments: fragment },
  }));
  return [header, ...fragments];
}

/**
 * Streamed tool-call deltas: per call a first delta with id, type and name (empty arguments), then
 * argument fragments carrying only `index`. Interleaved: the calls' deltas alternate round-robin.
 */
export function openaiToolCallDeltas(
  calls: readonly SimulatedToolCall[],
  chunkSize: number,
  interleave: boolean,
): ToolCallDelta[] {
  const perCall = calls.map((call, index) => deltasOfCall(call, index, chunkSize));
  if (!interleave) return perCall.flat();
  const deltas: ToolCallDelta[] = [];
  const longest = Math.max(0, ...perCall.map((list) => list.length));
  for (let position = 0; position < longest; position += 1) {
    for (const list of perCall) {
      const delta = list[position];
      if (delta !== undefined) deltas.push(delta);
    }
  }
  return deltas;
}
