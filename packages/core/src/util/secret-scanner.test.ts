import { describe, expect, it } from 'vitest';
import {
  createSecretScanner,
  secretsOfConfig,
  secretsOfProvider,
  truncateUtf8,
} from './secret-scanner';

describe('createSecretScanner', () => {
  const scanner = createSecretScanner(() => ['configured-secret-value', undefined, 'abc']);

  it('replaces configured secrets, bearer tokens, key= in URLs and sk- keys in text', () => {
    expect(scanner.text('key configured-secret-value here')).toBe('key *** here');
    expect(scanner.text('Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.x.y')).toBe(
      'Authorization: Bearer ***',
    );
    expect(scanner.text('GET https://g.test/v1/models?key=AIzaSyA123456&alt=json')).toBe(
      'GET https://g.test/v1/models?key=***&alt=json',
    );
    expect(scanner.text('used sk-ant-api03-abcdefghij and sk-proj-1234567890')).toBe(
      'used *** and ***',
    );
    // Secrets shorter than 4 characters are not scanned for (they would match everywhere).
    expect(scanner.text('abc')).toBe('abc');
  });

  it('copies values deeply: strings scanned, secret-named fields replaced, errors flattened', () => {
    const input = {
      api_key: 'anything',
      nested: [{ message: 'token sk-1234567890abcdef' }, 3, null],
      error: new Error('failed with configured-secret-value'),
      max_tokens: 10,
    };
    expect(scanner.value(input)).toEqual({
      api_key: '***',
      nested: [{ message: 'token ***' }, 3, null],
      error: 'Error: failed with ***',
      max_tokens: 10,
    });
    expect(input.api_key).toBe('anything');
    expect(createSecretScanner().text('plain')).toBe('plain');
  });
});

describe('secretsOfConfig', () => {
  it('collects every provider key, key pools and secret headers included', () => {
    expect(
      secretsOfConfig({
        providers: [
          { name: 'a', api_key: 'k1', headers: { authorization: 'Bearer k2', accept: 'json' } },
          { name: 'b', api_keys: ['k3', 'k4'], models: [{ name: 'm' }] },
        ],
      }),
    ).toEqual(['k1', 'Bearer k2', 'k3', 'k4']);
    expect(secretsOfConfig({})).toEqual([]);
  });
});

describe('secretsOfProvider', () => {
  const base = { name: 'openai', type: 'openai', models: [], enabled: true, timeout: 30000 };

  it('collects the key, the key pool and secret-looking header and query values, in config order', () => {
    expect(
      secretsOfProvider({
        ...base,
        api_key: 'sk-one',
        api_keys: ['sk-two', ''],
        headers: { 'x-api-key': 'three', 'x-trace': 'visible' },
        query: { token: 'four', region: 'eu' },
      }),
    ).toEqual(['sk-one', 'sk-two', 'three', 'four']);
  });

  it('returns nothing for a config without secrets', () => {
    expect(secretsOfProvider({ ...base, api_key: '' })).toEqual([]);
  });
});

describe('truncateUtf8', () => {
  it('keeps text within the byte budget, never cutting a character', () => {
    expect(truncateUtf8('short', 10)).toBe('short');
    const cut = truncateUtf8('héllo wörld', 8);
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(8);
    expect(cut).toBe('héll…');
    expect(truncateUtf8('😀😀😀', 6)).toBe('…');
    expect(truncateUtf8('abc', 1)).toBe('');
  });
});
