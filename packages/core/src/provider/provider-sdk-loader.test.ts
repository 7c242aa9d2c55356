import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { LLMError } from '../errors/llm-error';
import { createProviderSdkLoader } from './provider-sdk-loader';

const resolve = createRequire(import.meta.url).resolve;
/** A package no one installs (a variable, so that the compiler does not look for it). */
const MISSING: string = '@llm/no-such-sdk';

/** A loader of the installed `zod` that counts its imports. */
function countingZodLoader() {
  const counter = { imports: 0 };
  const loader = createProviderSdkLoader({
    packageName: 'zod',
    importSdk: () => {
      counter.imports += 1;
      return import('zod');
    },
    resolve,
  });
  return { loader, counter };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
}

describe('createProviderSdkLoader', () => {
  it('imports the package once, sharing an import in progress, and keeps the module', async () => {
    const { loader, counter } = countingZodLoader();
    expect(loader.packageName).toBe('zod');
    expect(loader.loaded()).toBeUndefined();
    const [first, second] = await Promise.all([loader.load('a'), loader.load('b')]);
    expect(first).toBe(second);
    expect(await loader.load('c')).toBe(first);
    expect(loader.loaded()).toBe(first);
    expect(counter.imports).toBe(1);
    expect(first.z).toBeDefined();
  });

  it('passes assertInstalled for an installed package', () => {
    const { loader, counter } = countingZodLoader();
    expect(() => loader.assertInstalled('my-provider')).not.toThrow();
    expect(counter.imports).toBe(0);
  });

  it('turns the import of a package that is not installed into the typed error, and retries it', async () => {
    let imports = 0;
    const loader = createProviderSdkLoader({
      packageName: '@llm/no-such-sdk',
      importSdk: () => {
        imports += 1;
        return import(/* @vite-ignore */ MISSING);
      },
      resolve,
    });
    for (const attempt of [1, 2]) {
      const error = await rejection(loader.load('my-provider'));
      expect(LLMError.is(error)).toBe(true);
      expect(error).toMatchObject({
        type: 'invalid_request',
        providerName: 'my-provider',
        retryable: false,
        details: { config_error: true, package: '@llm/no-such-sdk' },
      });
      expect((error as LLMError).cause).toBeDefined();
      expect(imports).toBe(attempt);
    }
    expect(loader.loaded()).toBeUndefined();
    expect(() => loader.assertInstalled('my-provider')).toThrow(
      'Provider "my-provider" needs the package @llm/no-such-sdk, which is not installed',
    );
  });

  it('rejects with the import error itself when the package is installed but fails to load', async () => {
    const broken = new SyntaxError('Unexpected token in the SDK');
    const loader = createProviderSdkLoader({
      packageName: 'zod',
      importSdk: () => Promise.reject(broken),
      resolve,
    });
    expect(await rejection(loader.load('my-provider'))).toBe(broken);
  });
});
