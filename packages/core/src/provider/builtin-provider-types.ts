/**
 * The provider types this toolkit ships, each with the package that registers it. The manager
 * imports the package on first use, so users install only the providers they need; config accepts
 * these types (and any type a third-party package has registered).
 */
export const BUILTIN_PROVIDER_PACKAGES: Readonly<Record<string, string>> = Object.freeze({
  openai: '@llm/providers-openai',
  azure: '@llm/providers-openai',
  claude: '@llm/providers-claude',
  anthropic: '@llm/providers-claude',
  generic: '@llm/providers-generic',
});

export const BUILTIN_PROVIDER_TYPES: readonly string[] = Object.freeze(
  Object.keys(BUILTIN_PROVIDER_PACKAGES),
);
