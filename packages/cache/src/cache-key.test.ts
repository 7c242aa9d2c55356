import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { cacheKey, canonicalJson, normalizedRequest } from './cache-key';

const request = {
  model: 'gpt-4o',
  messages: [{ role: 'user' as const, content: 'hi' }],
  temperature: 0,
};

describe('cacheKey', () => {
  it('is the same whatever the order of the keys, at every level', () => {
    const reordered = {
      temperature: 0,
      messages: [{ content: 'hi', role: 'user' as const }],
      model: 'gpt-4o',
    };
    expect(cacheKey('chat', reordered)).toBe(cacheKey('chat', request));
    expect(cacheKey('chat', request)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('ignores the provider, tags, user and stream flag, which do not change the answer', () => {
    expect(
      cacheKey('chat', {
        ...request,
        provider: 'backup',
        tags: { team: 'a' },
        user: 'u',
        stream: true,
      }),
    ).toBe(cacheKey('chat', request));
  });

  it('differs for each field that changes the answer, and per operation', () => {
    const base = cacheKey('chat', request);
    for (const change of [
      { model: 'gpt-4o-mini' },
      { temperature: 0.5 },
      { max_tokens: 10 },
      { seed: 1 },
      { stop: ['x'] },
      { response_format: { type: 'json_object' as const } },
      { messages: [{ role: 'user' as const, content: 'hello' }] },
    ])
      expect(cacheKey('chat', { ...request, ...change })).not.toBe(base);
    expect(cacheKey('stream', request)).not.toBe(base);
    expect(cacheKey('embedding', { model: 'e', input: 'a' })).not.toBe(
      cacheKey('embedding', { model: 'e', input: 'b' }),
    );
  });

  it('keeps only the answer-changing fields in the normalized request', () => {
    expect(
      normalizedRequest('embedding', { model: 'e', input: ['a'], provider: 'p', dimensions: 8 }),
    ).toEqual({
      operation: 'embedding',
      model: 'e',
      input: ['a'],
      dimensions: 8,
    });
  });

  it('is the hash of the canonical JSON of the normalized request, written in one pass', () => {
    const requests = [
      {
        ...request,
        tools: [{ type: 'function', function: { name: 'f', parameters: { b: 1, a: [2] } } }],
      },
      { ...request, stop: ['x', undefined], extra_body: { z: { y: 1, x: null } }, user: 'u' },
      { model: 'm', messages: [], temperature: undefined, seed: 7 },
    ];
    for (const each of requests) {
      const expected = createHash('sha256')
        .update(canonicalJson(normalizedRequest('chat', each as never)))
        .digest('hex');
      expect(cacheKey('chat', each as never)).toBe(expected);
    }
    const embedding = { model: 'e', input: ['a', 'b'], dimensions: 8, provider: 'p' };
    expect(cacheKey('embedding', embedding)).toBe(
      createHash('sha256')
        .update(canonicalJson(normalizedRequest('embedding', embedding)))
        .digest('hex'),
    );
  });

  it('writes canonical JSON that parses back to the same value for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(JSON.parse(canonicalJson(value))).toEqual(
          JSON.parse(JSON.stringify(value) ?? 'null'),
        );
      }),
    );
    expect(canonicalJson({ b: 1, a: undefined, c: [undefined] })).toBe('{"b":1,"c":[null]}');
  });
});
