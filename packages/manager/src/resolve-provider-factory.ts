import {
  BUILTIN_PROVIDER_PACKAGES,
  type LLMProviderConfig,
  type ProviderFactory,
  type ProviderRegistry,
} from '@llm/core';
import { ConfigError } from '@llm/config';

/**
 * The factory for a provider's `type`: from the registry, else by importing the built-in package
 * that registers it. Third-party types must be imported by the application before the manager
 * starts. A type that cannot be found is a ConfigError at the provider's `type` key.
 */
export async function resolveProviderFactory(
  provider: Pick<LLMProviderConfig, 'name' | 'type'>,
  registry: ProviderRegistry,
): Promise<ProviderFactory> {
  const { type } = provider;
  const path = `llm.providers.${provider.name}.type`;
  const registered = registry.get(type);
  if (registered) return registered;
  const packageName = BUILTIN_PROVIDER_PACKAGES[type];
  if (packageName) {
    try {
      await import(packageName);
    } catch (error) {
      throw new ConfigError(
        [
          {
            path,
            message: `Provider type "${type}" needs the package ${packageName}; install it (pnpm add ${packageName}).`,
          },
        ],
        { cause: error },
      );
    }
    const loaded = registry.get(type);
    if (loaded) return loaded;
  }
  const known = registry.types();
  throw new ConfigError([
    {
      path,
      message:
        `Provider type "${type}" is not registered` +
        (known.length ? ` (registered: ${known.join(', ')})` : '') +
        '. Import the package that provides it before creating the manager.',
    },
  ]);
}
