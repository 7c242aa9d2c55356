import type { Anthropic } from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import {
  convertAnthropicResponse,
  isAnthropicMessage,
  mapAnthropicStopReason,
} from './convert-anthropic-response';
import {
  anthropicFixtures,
  expectedFromMessage,
  expectedUsage,
  readWireJson,
} from '../__tests__/wire-fixtures';

const context = {
  providerName: 'claude-main',
  providerType: 'claude',
  requestId: 'req_1',
  responseTime: 42,
  fallbackUsage: () => ({
    prompt_tokens: 1,
    completion_tokens: 1,
    total_tokens: 2,
    estimated: true,
  }),
};

describe('convertAnthropicResponse on every recorded message', () => {
  describe.each(anthropicFixtures('.json'))('%s', (fixture) => {
    const message = readWireJson(fixture);
    const expected = expectedFromMessage(message);
    const response = convertAnthropicResponse(message as unknown as Anthropic.Message, context);

    it('gives exactly the recorded text and thinking', () => {
      expect(response.content ?? '').toBe(expected.text);
      expect(response.reasoning ?? '').toBe(expected.reasoning);
    });

    it('gives the recorded tool calls with their input as JSON arguments', () => {
      expect(response.tool_calls ?? []).toEqual(
        expected.toolCalls.map((call) => ({
          id: call.id,
          type: 'function',
          function: { name: call.name, arguments: call.arguments },
        })),
      );
    });

    it('maps the stop reason and normalizes the usage, keeping both raw', () => {
      expect(response.finish_reason).toBe(mapAnthropicStopReason(expected.stopReason));
      expect(response.metadata.raw_finish_reason).toBe(expected.stopReason);
      expect(response.usage).toEqual(expectedUsage(expected.rawUsage));
      expect(response.metadata.raw_usage).toEqual(expected.rawUsage);
    });

    it('gives the recorded thinking blocks whole and in order', () => {
      expect(response.thinking_blocks ?? []).toEqual(expected.thinkingBlocks);
    });

    it('fills the metadata', () => {
      expect(response.success).toBe(true);
      expect(response.model).toBe(message['model']);
      expect(response.metadata).toMatchObject({
        provider_name: 'claude-main',
        provider_type: 'claude',
        request_id: 'req_1',
        response_id: message['id'],
        response_time: 42,
      });
    });
  });
});

describe('convertAnthropicResponse', () => {
  it('keeps thinking signatures in metadata.extra', () => {
    const message = readWireJson('anthropic/anthropic-claude-opus-5-reasoning-high.1.json');
    const signatures = expectedFromMessage(message).signatures;
    expect(
      convertAnthropicResponse(message as unknown as Anthropic.Message, context).metadata.extra?.[
        'thinking_signatures'
      ],
    ).toEqual(signatures);
  });

  it('keeps redacted thinking as a block with its data, in content order', () => {
    const message = {
      ...readWireJson('anthropic/anthropic-text.json'),
      content: [
        { type: 'redacted_thinking', data: 'b3BhcXVl' },
        { type: 'thinking', thinking: 'Plan.', signature: 'c2ln' },
        { type: 'text', text: 'Done.', citations: null },
      ],
    };
    const response = convertAnthropicResponse(message as unknown as Anthropic.Message, context);
    expect(response.thinking_blocks).toEqual([
      { type: 'redacted_thinking', data: 'b3BhcXVl' },
      { type: 'thinking', thinking: 'Plan.', signature: 'c2ln' },
    ]);
    expect(response.metadata.extra?.['redacted_thinking']).toEqual(['b3BhcXVl']);
  });

  it('reports a refusal as content_filter with its details', () => {
    const response = convertAnthropicResponse(
      readWireJson('anthropic/anthropic-refusal.json') as unknown as Anthropic.Message,
      context,
    );
    expect(response.finish_reason).toBe('content_filter');
    expect(response.content).toBeUndefined();
    expect(response.metadata.extra?.['stop_details']).toMatchObject({ category: 'cyber' });
  });

  it('uses the fallback usage when the server sent none', () => {
    const message = { ...readWireJson('anthropic/anthropic-text.json'), usage: undefined };
    expect(
      convertAnthropicResponse(message as unknown as Anthropic.Message, context).usage.estimated,
    ).toBe(true);
  });
});

describe('isAnthropicMessage', () => {
  it('accepts every recorded message', () => {
    for (const name of anthropicFixtures('.json'))
      expect(isAnthropicMessage(readWireJson(name))).toBe(true);
  });

  it('refuses text, null, arrays and JSON of another shape', () => {
    expect(isAnthropicMessage('<html></html>')).toBe(false);
    expect(isAnthropicMessage(null)).toBe(false);
    expect(isAnthropicMessage([])).toBe(false);
    expect(isAnthropicMessage({ detail: 'Not authenticated' })).toBe(false);
  });
});
