import { BUILTIN_PROVIDER_PACKAGES, type ProviderFactory, type ProviderRegistry } from '@llm/core';

/**
 * The factory for `type`: from the registry, else by importing the built-in package that registers
 * it. Third-party types must be imported by the application before the manager starts.
 */
export async function resolveProviderFactory(
  type: string,
  registry: ProviderRegistry,
): Promise<ProviderFactory> {
  const registered = registry.get(type);
  if (registered) return registered;
  const packageName = BUILTIN_PROVIDER_PACKAGES[type];
  if (packageName) {
    try {
      await import(packageName);
    } catch (error) {
      throw new Error(
        `Provider type "${type}" needs the package ${packageName}; install it (pnpm add ${packageName}).`,
        { cause: error },
      );
    }
    const loaded = registry.get(type);
    if (loaded) return loaded;
  }
  const known = registry.types();
  throw new Error(
    `Provider type "${type}" is not registered` +
      (known.length ? ` (registered: ${known.join(', ')})` : '') +
      '. Import the package that provides it before creating the manager.',
  );
}
