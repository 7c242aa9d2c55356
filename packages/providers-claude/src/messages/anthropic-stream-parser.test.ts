import type { Anthropic } from '@anthropic-ai/sdk';
import type { LLMStreamChunk } from '@llm/core';
import { describe, expect, it } from 'vitest';
import { AnthropicStreamParser } from './anthropic-stream-parser';
import { mapAnthropicStopReason } from './convert-anthropic-response';
import {
  anthropicFixtures,
  expectedFromStream,
  expectedUsage,
  readWireEvents,
} from '../__tests__/wire-fixtures';

function parse(events: readonly { data: unknown }[]): {
  chunks: LLMStreamChunk[];
  parser: AnthropicStreamParser;
} {
  const parser = new AnthropicStreamParser({
    providerName: 'claude',
    providerType: 'claude',
    requestId: 'req_1',
  });
  const chunks = events.flatMap(({ data }) => parser.push(data as Anthropic.RawMessageStreamEvent));
  return { chunks, parser };
}

const textOf = (chunks: LLMStreamChunk[], type: 'text-delta' | 'reasoning-delta') =>
  chunks.map((chunk) => (chunk.type === type ? chunk.delta : '')).join('');

describe('AnthropicStreamParser on every recorded stream', () => {
  describe.each(anthropicFixtures('.sse'))('%s', (fixture) => {
    const events = readWireEvents(fixture);
    const expected = expectedFromStream(events);
    const { chunks, parser } = parse(events);
    const finish = chunks[chunks.length - 1];

    it('yields exactly the recorded text and thinking', () => {
      expect(textOf(chunks, 'text-delta')).toBe(expected.text);
      expect(textOf(chunks, 'reasoning-delta')).toBe(expected.reasoning);
    });

    it('yields one complete tool-call per recorded tool_use block', () => {
      const calls = chunks.flatMap((chunk) =>
        chunk.type === 'tool-call' ? [chunk.tool_call] : [],
      );
      expect(calls).toEqual(
        expected.toolCalls.map((call) => ({
          id: call.id,
          type: 'function',
          function: { name: call.name, arguments: call.arguments },
        })),
      );
    });

    it('ends with one finish chunk carrying the mapped stop reason and the final usage', () => {
      expect(chunks.filter((chunk) => chunk.type === 'finish')).toHaveLength(1);
      expect(finish?.type).toBe('finish');
      if (finish?.type !== 'finish') return;
      expect(finish.finish_reason).toBe(mapAnthropicStopReason(expected.stopReason));
      expect(finish.metadata?.raw_finish_reason).toBe(expected.stopReason);
      expect(finish.usage).toEqual(expectedUsage(expected.rawUsage));
      expect(finish.metadata?.raw_usage).toEqual(expected.rawUsage);
      expect(parser.finished).toBe(true);
    });

    it('puts the recorded thinking blocks, whole and in order, on the finish chunk', () => {
      if (finish?.type !== 'finish') throw new Error('no finish chunk');
      expect(finish.thinking_blocks ?? []).toEqual(expected.thinkingBlocks);
    });

    it('keeps the thinking signatures in metadata.extra', () => {
      if (finish?.type !== 'finish') throw new Error('no finish chunk');
      const signatures = expected.signatures.filter((signature) => signature !== '');
      expect(finish.metadata?.extra?.['thinking_signatures']).toEqual(
        signatures.length > 0 ? signatures : undefined,
      );
    });
  });
});

describe('AnthropicStreamParser', () => {
  it('takes the input tokens of message_delta over those of message_start', () => {
    const { chunks } = parse(readWireEvents('anthropic/anthropic-message-delta-input-tokens.sse'));
    const finish = chunks.at(-1);
    expect(finish?.type === 'finish' && finish.usage).toEqual({
      prompt_tokens: 61,
      completion_tokens: 2,
      total_tokens: 63,
    });
  });

  it('sends id and name on the first fragment of a tool call and arguments after', () => {
    const { chunks } = parse(readWireEvents('anthropic/sdk-tool_use_response.sse'));
    const fragments = chunks.filter((chunk) => chunk.type === 'tool-call-delta');
    expect(fragments[0]).toEqual({
      type: 'tool-call-delta',
      index: 0,
      id: 'toolu_01NRLabsLyVHZPKxbKvkfSMn',
      name: 'get_weather',
      arguments_delta: '',
    });
    expect(
      fragments
        .slice(1)
        .every((chunk) => chunk.type === 'tool-call-delta' && chunk.id === undefined),
    ).toBe(true);
    expect(
      fragments
        .map((chunk) => (chunk.type === 'tool-call-delta' ? chunk.arguments_delta : ''))
        .join(''),
    ).toBe('{"location": "Paris"}');
  });

  it('completes a tool call only when its block stops', () => {
    const { chunks } = parse(readWireEvents('anthropic/sdk-tool_use_response.sse'));
    const kinds = chunks.map((chunk) => chunk.type);
    expect(kinds.lastIndexOf('tool-call-delta')).toBeLessThan(kinds.indexOf('tool-call'));
  });

  it('gives a tool call without arguments the arguments {}', () => {
    const { chunks } = parse(readWireEvents('anthropic/anthropic-tool-no-args.sse'));
    const call = chunks.find((chunk) => chunk.type === 'tool-call');
    expect(call?.type === 'tool-call' && call.tool_call.function.arguments).toBe('{}');
  });

  it('numbers parallel tool calls by call, with fragments interleaved by block', () => {
    const events = [
      {
        type: 'message_start',
        message: { id: 'msg_1', model: 'claude', usage: { input_tokens: 5, output_tokens: 1 } },
      },
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Both.' } },
      { type: 'content_block_stop', index: 0 },
      {
        type: 'content_block_start',
        index: 1,
        content_block: { type: 'tool_use', id: 'toolu_a', name: 'weather', input: {} },
      },
      {
        type: 'content_block_start',
        index: 2,
        content_block: { type: 'tool_use', id: 'toolu_b', name: 'weather', input: {} },
      },
      {
        type: 'content_block_delta',
        index: 2,
        delta: { type: 'input_json_delta', partial_json: '{"city":' },
      },
      {
        type: 'content_block_delta',
        index: 1,
        delta: { type: 'input_json_delta', partial_json: '{"city":' },
      },
      {
        type: 'content_block_delta',
        index: 1,
        delta: { type: 'input_json_delta', partial_json: '"Paris"}' },
      },
      {
        type: 'content_block_delta',
        index: 2,
        delta: { type: 'input_json_delta', partial_json: '"Rome"}' },
      },
      { type: 'content_block_stop', index: 2 },
      { type: 'content_block_stop', index: 1 },
      {
        type: 'message_delta',
        delta: { stop_reason: 'tool_use', stop_sequence: null },
        usage: { output_tokens: 30 },
      },
      { type: 'message_stop' },
    ].map((data) => ({ data }));
    const { chunks } = parse(events);
    const calls = chunks.flatMap((chunk) =>
      chunk.type === 'tool-call'
        ? [[chunk.index, chunk.tool_call.id, chunk.tool_call.function.arguments]]
        : [],
    );
    expect(calls).toEqual([
      [1, 'toolu_b', '{"city":"Rome"}'],
      [0, 'toolu_a', '{"city":"Paris"}'],
    ]);
  });

  it('reports the usage known so far before the stream finishes', () => {
    const events = readWireEvents('anthropic/anthropic-text.sse');
    const { parser } = parse(events.slice(0, 4));
    expect(parser.finished).toBe(false);
    expect(parser.usage()).toEqual({
      prompt_tokens: 12,
      completion_tokens: 1,
      total_tokens: 13,
      cached_tokens: 0,
      cache_write_tokens: 0,
    });
  });

  it('estimates the output of a stream cut before message_delta and flags the usage estimated', () => {
    const events = readWireEvents('anthropic/anthropic-text.sse');
    const parser = new AnthropicStreamParser({
      providerName: 'claude-main',
      providerType: 'claude',
      fallbackUsage: (outputText) => ({
        prompt_tokens: 99,
        completion_tokens: outputText.length,
        total_tokens: 99 + outputText.length,
        estimated: true,
      }),
    });
    const text = events
      .slice(0, 6)
      .flatMap((event) => parser.push(event.data as unknown as Anthropic.RawMessageStreamEvent))
      .map((chunk) => (chunk.type === 'text-delta' ? chunk.delta : ''))
      .join('');
    expect(text.length).toBeGreaterThan(1);
    expect(parser.partialUsage()).toEqual({
      prompt_tokens: 12,
      completion_tokens: text.length,
      total_tokens: 12 + text.length,
      cached_tokens: 0,
      cache_write_tokens: 0,
      estimated: true,
    });
  });

  it('keeps the reported usage of a stream cut after message_delta counted the output', () => {
    const events = readWireEvents('anthropic/anthropic-text.sse');
    const parser = new AnthropicStreamParser({
      providerName: 'claude-main',
      providerType: 'claude',
      fallbackUsage: () => ({ prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 }),
    });
    const untilDelta = events.findIndex((event) => event.event === 'message_delta') + 1;
    for (const event of events.slice(0, untilDelta))
      parser.push(event.data as unknown as Anthropic.RawMessageStreamEvent);
    expect(parser.finished).toBe(false);
    expect(parser.partialUsage()).toEqual(parser.usage());
    expect(parser.partialUsage()?.estimated).toBeUndefined();
  });

  it('has no usage before message_start', () => {
    expect(parse([]).parser.usage()).toBeUndefined();
  });

  it('keeps refusal details in metadata.extra', () => {
    const { chunks } = parse(readWireEvents('anthropic/anthropic-refusal.sse'));
    const finish = chunks.at(-1);
    expect(finish?.type === 'finish' && finish.finish_reason).toBe('content_filter');
    expect(finish?.type === 'finish' && finish.metadata?.extra?.['stop_details']).toMatchObject({
      type: 'refusal',
      category: 'cyber',
    });
  });

  it('puts redacted thinking between thinking blocks in content order on the finish chunk', () => {
    const message = { id: 'msg_1', model: 'claude-sonnet-5-5', usage: { input_tokens: 5 } };
    const { chunks } = parse(
      [
        { type: 'message_start', message },
        {
          type: 'content_block_start',
          index: 0,
          content_block: { type: 'thinking', thinking: '', signature: '' },
        },
        { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'A' } },
        {
          type: 'content_block_delta',
          index: 0,
          delta: { type: 'signature_delta', signature: 's' },
        },
        { type: 'content_block_stop', index: 0 },
        {
          type: 'content_block_start',
          index: 1,
          content_block: { type: 'redacted_thinking', data: 'b3BhcXVl' },
        },
        { type: 'content_block_stop', index: 1 },
        { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 3 } },
        { type: 'message_stop' },
      ].map((data) => ({ data })),
    );
    const finish = chunks.at(-1);
    expect(finish?.type === 'finish' && finish.thinking_blocks).toEqual([
      { type: 'thinking', thinking: 'A', signature: 's' },
      { type: 'redacted_thinking', data: 'b3BhcXVl' },
    ]);
  });
});
