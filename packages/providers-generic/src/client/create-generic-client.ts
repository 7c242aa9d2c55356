import { toSdkLogger, type ClientContext } from '@llm/providers-openai';
import { missingCredentialsError } from '@llm/providers-openai/internal';
import OpenAI from 'openai';
import type { ResolvedGenericConfig } from '../config/resolve-generic-config';
import { authHeaders } from './auth-headers';

// The SDK refuses to start without a key; this one never leaves the process (auth-headers removes it).
const NO_KEY = 'no-key';

/**
 * The openai SDK client for a generic provider: the resolved base URL, the key in the configured
 * auth style, extra headers (which may override the auth header) and query parameters on every
 * request, SDK retries off. Nothing is read from OPENAI_* environment variables, so an OpenAI key
 * can never be sent to another service. A preset that needs a key and has none is an error here.
 */
export function createGenericClient(
  resolved: ResolvedGenericConfig,
  context: ClientContext,
): OpenAI {
  const { config, preset } = resolved;
  const apiKey = config.api_key === '' ? undefined : config.api_key;
  if (apiKey === undefined && preset?.requiresApiKey && config.auth_style !== 'none') {
    throw missingCredentialsError(
      config.name,
      `${preset.title} needs an api_key (preset "${preset.name}"); set api_key = "\${…}" in the provider's config`,
    );
  }
  return new OpenAI({
    apiKey: apiKey ?? NO_KEY,
    baseURL: config.base_url,
    organization: null,
    project: null,
    defaultHeaders: { ...authHeaders(config.auth_style, apiKey), ...config.headers },
    defaultQuery: config.query,
    timeout: config.timeout,
    maxRetries: 0,
    logger: toSdkLogger(context.logger),
  });
}
