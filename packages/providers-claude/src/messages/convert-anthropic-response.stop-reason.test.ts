import { describe, expect, it } from 'vitest';
import { mapAnthropicStopReason } from './convert-anthropic-response';

describe('mapAnthropicStopReason', () => {
  it.each([
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['max_tokens', 'length'],
    ['model_context_window_exceeded', 'length'],
    ['tool_use', 'tool_calls'],
    ['refusal', 'content_filter'],
    ['pause_turn', 'other'],
  ])('maps %s to %s', (stopReason, expected) => {
    expect(mapAnthropicStopReason(stopReason)).toBe(expected);
  });

  it('maps an unknown stop reason to other', () => {
    expect(mapAnthropicStopReason('some_future_reason')).toBe('other');
  });

  it('maps a missing stop reason to other', () => {
    expect(mapAnthropicStopReason(null)).toBe('other');
    expect(mapAnthropicStopReason(undefined)).toBe('other');
  });
});
