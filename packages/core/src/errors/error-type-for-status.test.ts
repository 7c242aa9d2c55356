import { describe, expect, it } from 'vitest';
import { errorTypeForStatus, isContextLengthError } from './error-type-for-status';

describe('errorTypeForStatus', () => {
  it.each([
    [401, 'auth'],
    [403, 'auth'],
    [404, 'model_not_found'],
    [408, 'timeout'],
    [400, 'invalid_request'],
    [422, 'invalid_request'],
    [429, 'rate_limit'],
    [500, 'server_error'],
    [502, 'server_error'],
    [503, 'server_error'],
    [504, 'server_error'],
    [529, 'server_error'],
    [undefined, 'network'],
    [418, 'unknown'],
  ])('maps status %s to %s', (status, type) => {
    expect(errorTypeForStatus(status)).toBe(type);
  });
});

describe('isContextLengthError', () => {
  it.each([
    [
      "This model's maximum context length is 8192 tokens. However, your messages resulted in 9000 tokens.",
      undefined,
    ],
    ['prompt is too long: 210000 tokens > 200000 maximum', undefined],
    ['whatever', 'context_length_exceeded'],
  ])('recognises %s', (message, code) => {
    expect(isContextLengthError(message, code)).toBe(true);
  });

  it('does not flag an unrelated 400', () => {
    expect(
      isContextLengthError(
        "Unsupported parameter: 'max_tokens' is not supported with this model.",
        'unsupported_parameter',
      ),
    ).toBe(false);
  });
});
