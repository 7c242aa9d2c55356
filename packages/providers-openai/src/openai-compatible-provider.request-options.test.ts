import { describe, expect, it } from 'vitest';
import { toRequestOptions } from './openai-compatible-provider';

describe('toRequestOptions', () => {
  it('turns SDK retries off and uses the provider timeout by default', () => {
    expect(toRequestOptions(undefined, 30000)).toEqual({ maxRetries: 0, timeout: 30000 });
  });

  it("passes the call's signal, timeout and headers", () => {
    const signal = new AbortController().signal;
    expect(
      toRequestOptions({ signal, timeoutMs: 500, headers: { 'x-trace': '1' } }, 30000),
    ).toEqual({
      maxRetries: 0,
      timeout: 500,
      signal,
      headers: { 'x-trace': '1' },
    });
  });
});
