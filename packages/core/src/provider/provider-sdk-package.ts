import { LLMError } from '../errors/llm-error';
import { LLMErrorType } from '../errors/llm-error-type';

/**
 * How `initialize()` is awaited. With `lazy`, a provider resolves once everything that can fail at
 * start-up is checked (base URL, credential, the SDK being installed) and loads its SDK and opens
 * its connection pool when its first call (or health check, model listing) needs them. Without
 * it, `initialize()` resolves when the provider is ready to send.
 */
export interface ProviderInitializeOptions {
  readonly lazy?: boolean;
}

/** Resolves a package name to a file, as `require.resolve` does (throws when it is not installed). */
export type PackageResolver = (packageName: string) => string;

const installed = new Set<string>();

/** The typed error for a provider whose SDK package is not installed: a config problem, not retried. */
export function notInstalledError(
  packageName: string,
  providerName: string,
  cause: unknown,
): LLMError {
  return new LLMError({
    type: LLMErrorType.INVALID_REQUEST,
    message: `Provider "${providerName}" needs the package ${packageName}, which is not installed; install it (pnpm add ${packageName}).`,
    providerName,
    retryable: false,
    cause,
    details: { config_error: true, package: packageName },
  });
}

/**
 * Refuses a provider whose SDK package is not installed, without loading the SDK: `resolve` is
 * the provider package's own `require.resolve` (packages resolve their dependencies from where
 * they are installed). A package found once is not looked up again in this process.
 */
export function assertSdkInstalled(
  packageName: string,
  providerName: string,
  resolve: PackageResolver,
): void {
  if (installed.has(packageName)) return;
  try {
    resolve(packageName);
  } catch (error) {
    throw notInstalledError(packageName, providerName, error);
  }
  installed.add(packageName);
}

/**
 * Loads Node's own fetch classes (`Headers`, `Request`, `Response`: Node builds them on first
 * access, about 30 ms of module loading). The SDKs build their request headers with the global
 * `Headers`, so a provider touches them while its SDK loads, next to the module loading it already waits for.
 */
export function preloadFetchGlobals(): void {
  void globalThis.Headers;
}
