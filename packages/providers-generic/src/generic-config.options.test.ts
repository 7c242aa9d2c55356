import type { LLMProviderConfig } from '@llm/core';
import { describe, expect, it } from 'vitest';
import { readGenericOptions } from './generic-config';

const withOptions = (options: Record<string, unknown>): LLMProviderConfig => ({
  name: 'local',
  type: 'generic',
  models: [],
  enabled: true,
  timeout: 30_000,
  options,
});

describe('readGenericOptions', () => {
  it('reads the quirk overrides and leaves transform settings alone', () => {
    const options = readGenericOptions(
      withOptions({ usage_may_be_missing: true, 'system-prompt-prefix': 'Be brief.' }),
    );
    expect(options).toMatchObject({
      usage_may_be_missing: true,
      'system-prompt-prefix': 'Be brief.',
    });
  });

  it('reads a config without options as no overrides', () => {
    const { options: _none, ...config } = withOptions({});
    expect(readGenericOptions(config)).toEqual({});
  });

  it('names every wrong value', () => {
    expect(() =>
      readGenericOptions(withOptions({ include_stream_usage: 'yes', embedding_encoding: 'utf8' })),
    ).toThrow(
      'Provider "local" (type generic): options.include_stream_usage must be true or false, got "yes"; options.embedding_encoding must be "float" or "base64", got "utf8"',
    );
  });
});
