import { describe, expect, it } from 'vitest';
import { isSecretKey, redactSecrets, redactText } from './redact-secrets';

describe('redactSecrets', () => {
  it('hides keys, tokens and authorization headers at any depth, keeping the shape', () => {
    const config = {
      providers: [
        {
          name: 'openai',
          api_key: 'sk-live-123',
          headers: { Authorization: 'Bearer abc', 'X-Trace': 'on' },
        },
      ],
      azure: { azure_ad_token: 'eyJ' },
    };
    expect(redactSecrets(config)).toEqual({
      providers: [
        { name: 'openai', api_key: '***', headers: { Authorization: '***', 'X-Trace': 'on' } },
      ],
      azure: { azure_ad_token: '***' },
    });
  });

  it('keeps token counts, which are not secrets', () => {
    expect(isSecretKey('max_tokens')).toBe(false);
    expect(isSecretKey('tokens_per_minute')).toBe(false);
    expect(isSecretKey('api_key')).toBe(true);
    expect(isSecretKey('client_secret')).toBe(true);
  });

  it('leaves empty secrets visible as empty, so a missing key is obvious', () => {
    expect(redactSecrets({ api_key: '' })).toEqual({ api_key: '' });
  });
});

describe('redactText', () => {
  it('removes every occurrence of a known secret from a message', () => {
    expect(redactText('key sk-abcdef rejected (sk-abcdef)', ['sk-abcdef'])).toBe(
      'key *** rejected (***)',
    );
  });
});

describe('redactSecrets with a list of secrets', () => {
  it('hides every key of an api_keys list and keeps its length', () => {
    expect(
      redactSecrets({ api_keys: ['sk-one-0001', 'sk-two-0002', ''], models: ['gpt-4o'] }),
    ).toEqual({ api_keys: ['***', '***', ''], models: ['gpt-4o'] });
  });
});
