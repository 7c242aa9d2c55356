import { describe, expect, it } from 'vitest';
import { mapOpenAIFinishReason } from './openai-chat-completion';

describe('mapOpenAIFinishReason', () => {
  it.each([
    ['stop', 'stop'],
    ['length', 'length'],
    ['tool_calls', 'tool_calls'],
    ['function_call', 'tool_calls'],
    ['content_filter', 'content_filter'],
    ['eos', 'stop'],
    ['insufficient_system_resource', 'error'],
  ])('maps %s to %s', (raw, expected) => {
    expect(mapOpenAIFinishReason(raw)).toBe(expected);
  });

  it.each([null, undefined, 'something_new'])('maps %j to other', (raw) => {
    expect(mapOpenAIFinishReason(raw)).toBe('other');
  });
});
