import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { LLMError } from '../errors/llm-error';
import { assertSdkInstalled, preloadFetchGlobals } from './provider-sdk-package';

const resolve = createRequire(import.meta.url).resolve;

describe('assertSdkInstalled', () => {
  it('passes for a package the resolver finds, and does not look it up again', () => {
    let lookups = 0;
    const counting = (name: string) => {
      lookups += 1;
      return resolve(name);
    };
    assertSdkInstalled('zod', 'openai', counting);
    assertSdkInstalled('zod', 'other', counting);
    expect(lookups).toBe(1);
  });

  it('refuses a package that is not installed with a typed error naming the provider and the fix', () => {
    let error: unknown;
    try {
      assertSdkInstalled('@llm/no-such-sdk', 'my-provider', resolve);
    } catch (caught) {
      error = caught;
    }
    expect(LLMError.is(error)).toBe(true);
    expect(error).toMatchObject({
      type: 'invalid_request',
      providerName: 'my-provider',
      retryable: false,
      details: { config_error: true, package: '@llm/no-such-sdk' },
    });
    expect((error as LLMError).message).toBe(
      'Provider "my-provider" needs the package @llm/no-such-sdk, which is not installed; install it (pnpm add @llm/no-such-sdk).',
    );
  });
});

describe('preloadFetchGlobals', () => {
  it("leaves Node's fetch classes built, so a first request does not build them", () => {
    preloadFetchGlobals();
    const headers = new Headers({ 'x-request-id': 'req-1' });
    expect(headers.get('x-request-id')).toBe('req-1');
  });
});
