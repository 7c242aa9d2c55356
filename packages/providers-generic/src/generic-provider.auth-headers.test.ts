import { describe, expect, it } from 'vitest';
import type { AuthStyle } from './presets';
import { authHeaders } from './generic-provider';

describe('authHeaders', () => {
  it.each<[AuthStyle, string | undefined, Record<string, string | null>]>([
    ['bearer', 'sk-1', {}],
    ['bearer', undefined, { Authorization: null }],
    ['bearer', '', { Authorization: null }],
    ['api-key', 'sk-1', { Authorization: null, 'api-key': 'sk-1' }],
    ['x-api-key', 'sk-1', { Authorization: null, 'x-api-key': 'sk-1' }],
    ['api-key', undefined, { Authorization: null }],
    ['none', 'sk-1', { Authorization: null }],
  ])('%s with key %j gives %j', (style, key, expected) => {
    expect(authHeaders(style, key)).toEqual(expected);
  });
});
