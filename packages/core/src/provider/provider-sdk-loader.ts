import {
  assertSdkInstalled,
  notInstalledError,
  type PackageResolver,
} from './provider-sdk-package';

/**
 * A provider package's SDK, loaded when the first provider of that type needs it (never at
 * import) and once per loader: every provider of the package shares the module.
 */
export interface ProviderSdkLoader<Sdk> {
  /** The npm package the SDK is, as errors name it. */
  readonly packageName: string;
  /**
   * The SDK module, importing it on the first call; calls made while it loads share that import.
   * A package that is not installed is the typed `assertInstalled` error naming `providerName`;
   * a failed import is tried again by the next call.
   */
  load(providerName: string): Promise<Sdk>;
  /** The module once a `load` finished; before that no object of the SDK can exist. */
  loaded(): Sdk | undefined;
  /** Refuses `providerName` when the package is not installed, without loading it. */
  assertInstalled(providerName: string): void;
}

export interface ProviderSdkLoaderOptions<Sdk> {
  readonly packageName: string;
  /**
   * Imports the package (`() => import('openai')`), written in the provider package so that the
   * bundler and the resolver see the import where the dependency is declared.
   */
  readonly importSdk: () => Promise<Sdk>;
  /** The provider package's own `require.resolve` (`createRequire(import.meta.url).resolve`). */
  readonly resolve: PackageResolver;
}

/** Whether `resolve` finds the package (an import can fail for other reasons too). */
function resolves(resolve: PackageResolver, packageName: string): boolean {
  try {
    resolve(packageName);
    return true;
  } catch {
    return false;
  }
}

/** The loader of one SDK package; a provider package makes one and shares it. */
export function createProviderSdkLoader<Sdk>(
  options: ProviderSdkLoaderOptions<Sdk>,
): ProviderSdkLoader<Sdk> {
  const { packageName, importSdk, resolve } = options;
  let loaded: Sdk | undefined;
  let loading: Promise<Sdk> | undefined;
  return {
    packageName,
    load(providerName) {
      if (loaded) return Promise.resolve(loaded);
      loading ??= importSdk().then(
        (module) => (loaded = module),
        (error: unknown) => {
          loading = undefined;
          throw error;
        },
      );
      return loading.catch((error: unknown) => {
        throw resolves(resolve, packageName)
          ? error
          : notInstalledError(packageName, providerName, error);
      });
    },
    loaded: () => loaded,
    assertInstalled: (providerName) => assertSdkInstalled(packageName, providerName, resolve),
  };
}
