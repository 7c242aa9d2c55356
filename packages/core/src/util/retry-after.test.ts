import { describe, expect, it } from 'vitest';
import { parseRetryAfter, readRequestId } from './retry-after';

describe('parseRetryAfter', () => {
  it('prefers retry-after-ms', () => {
    expect(parseRetryAfter(new Headers({ 'retry-after-ms': '300', 'retry-after': '5' }))).toBe(300);
  });

  it('reads retry-after as seconds', () => {
    expect(parseRetryAfter({ 'Retry-After': '2.5' })).toBe(2500);
  });

  it('reads retry-after as an HTTP date relative to now', () => {
    const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');
    expect(parseRetryAfter({ 'retry-after': 'Wed, 21 Oct 2015 07:28:30 GMT' }, now)).toBe(30_000);
  });

  it('is undefined when absent or unreadable', () => {
    expect(parseRetryAfter(new Headers())).toBeUndefined();
    expect(parseRetryAfter({ 'retry-after': 'soon' })).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });
});

describe('readRequestId', () => {
  it('reads OpenAI x-request-id and Anthropic request-id', () => {
    expect(readRequestId(new Headers({ 'x-request-id': 'req_openai' }))).toBe('req_openai');
    expect(readRequestId({ 'request-id': 'req_anthropic' })).toBe('req_anthropic');
  });
});
