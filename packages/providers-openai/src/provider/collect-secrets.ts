import { isSecretKey, type LLMProviderConfig } from '@llm/core';

/** Every secret value a provider's config holds (the key, secret-looking headers and query values). */
export function collectSecrets(config: LLMProviderConfig): string[] {
  const secrets = [config.api_key];
  for (const record of [config.headers, config.query]) {
    for (const [key, value] of Object.entries(record ?? {}))
      if (isSecretKey(key)) secrets.push(value);
  }
  return secrets.filter(
    (secret): secret is string => typeof secret === 'string' && secret.length > 0,
  );
}
