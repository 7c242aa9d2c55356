import { describe, expect, it } from 'vitest';
import { useSimulator } from './__tests__/use-simulator';
import { mapAnthropicStopReason } from './messages/convert-anthropic-response';
import { claudeTestProvider, collectStream, userRequest } from './__tests__/claude-test-provider';
import {
  anthropicFixtures,
  expectedFromMessage,
  expectedFromStream,
  expectedUsage,
  readWireEvents,
  readWireJson,
} from './__tests__/wire-fixtures';

const simulator = useSimulator();

const request = userRequest('Replay, please.');
const asToolCalls = (calls: { id: string; name: string; arguments: string }[]) =>
  calls.map((call) => ({
    id: call.id,
    type: 'function',
    function: { name: call.name, arguments: call.arguments },
  }));

describe.each(anthropicFixtures('.sse'))(
  'streaming the recording %s through the SDK and the provider',
  (fixture) => {
    const expected = expectedFromStream(readWireEvents(fixture));

    it('yields exactly the recorded text, thinking, tool calls, finish reason and usage', async () => {
      simulator.current.script({ replay: fixture, headers: { 'request-id': 'req_replay_stream' } });
      const collected = await collectStream(
        claudeTestProvider(simulator.current).streamCompletion(request),
      );
      expect(collected.error).toBeUndefined();
      expect(collected.text).toBe(expected.text);
      expect(collected.reasoning).toBe(expected.reasoning);
      const calls = collected.chunks.flatMap((chunk) =>
        chunk.type === 'tool-call' ? [chunk.tool_call] : [],
      );
      expect(calls).toEqual(asToolCalls(expected.toolCalls));
      const finishes = collected.chunks.filter((chunk) => chunk.type === 'finish');
      expect(finishes).toHaveLength(1);
      expect(collected.chunks.at(-1)).toBe(finishes[0]);
      const finish = finishes[0]!;
      if (finish.type !== 'finish') return;
      expect(finish.finish_reason).toBe(mapAnthropicStopReason(expected.stopReason));
      expect(finish.metadata?.raw_finish_reason).toBe(expected.stopReason);
      expect(finish.usage).toEqual(expectedUsage(expected.rawUsage));
      expect(finish.metadata?.raw_usage).toEqual(expected.rawUsage);
      expect(finish.metadata?.request_id).toBe('req_replay_stream');
      const signatures = expected.signatures.filter((signature) => signature !== '');
      expect(finish.metadata?.extra?.['thinking_signatures']).toEqual(
        signatures.length > 0 ? signatures : undefined,
      );
    });
  },
);

describe.each(anthropicFixtures('.json'))(
  'the recorded message %s through the SDK and the provider',
  (fixture) => {
    const message = readWireJson(fixture);
    const expected = expectedFromMessage(message);

    it('gives exactly the recorded text, thinking, tool calls, finish reason and usage', async () => {
      simulator.current.script({ replay: fixture, headers: { 'request-id': 'req_replay_1' } });
      const response = await claudeTestProvider(simulator.current).chatCompletion(request);
      expect(response.content ?? '').toBe(expected.text);
      expect(response.reasoning ?? '').toBe(expected.reasoning);
      expect(response.tool_calls ?? []).toEqual(asToolCalls(expected.toolCalls));
      expect(response.finish_reason).toBe(mapAnthropicStopReason(expected.stopReason));
      expect(response.usage).toEqual(expectedUsage(expected.rawUsage));
      expect(response.metadata).toMatchObject({
        raw_usage: expected.rawUsage,
        response_id: message['id'],
        request_id: 'req_replay_1',
        provider_name: 'claude-test',
      });
      expect(response.model).toBe(message['model']);
    });
  },
);
