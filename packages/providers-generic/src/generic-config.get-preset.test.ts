import { LLMError } from '@llm/core';
import { describe, expect, it } from 'vitest';
import { getPreset } from './generic-config';
import { PRESET_NAMES, PRESETS } from './presets';

describe('getPreset', () => {
  it('returns the preset of that name', () => {
    expect(getPreset('deepseek')).toBe(PRESETS['deepseek']);
    expect(getPreset('qwen').baseURL).toBe('https://dashscope.aliyuncs.com/compatible-mode/v1');
  });

  it('refuses an unknown name with an error naming the provider and every known preset', () => {
    const error = (() => {
      try {
        getPreset('deepsek', 'my-llm');
      } catch (caught) {
        return caught;
      }
    })();
    expect(LLMError.is(error)).toBe(true);
    expect(error).toMatchObject({
      type: 'invalid_request',
      retryable: false,
      providerName: 'my-llm',
    });
    expect((error as Error).message).toBe(
      `Provider "my-llm" (type generic): unknown preset "deepsek" (known presets: ${PRESET_NAMES.join(', ')})`,
    );
  });

  it('does not treat inherited object keys as presets', () => {
    expect(() => getPreset('toString')).toThrow(/unknown preset "toString"/);
  });
});
