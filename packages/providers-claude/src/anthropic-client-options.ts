import type { ClientOptions } from '@anthropic-ai/sdk';
import type { LLMProviderConfig, Logger } from '@llm/core';

/** How the API key is sent; `x-api-key` is the header Anthropic's API reference documents. */
export type ClaudeAuthStyle = NonNullable<LLMProviderConfig['auth_style']>;

/** The API key of a provider: `api_key` from config, else `ANTHROPIC_API_KEY`. */
export function resolveClaudeApiKey(
  config: LLMProviderConfig,
  environment: NodeJS.ProcessEnv = process.env,
): string | undefined {
  return config.api_key ?? environment['ANTHROPIC_API_KEY'] ?? undefined;
}

/** The SDK appends `/v1/messages` to its base URL, so a base URL given with `/v1` is cut back to the root. */
export function anthropicBaseURL(baseUrl: string | undefined): string | undefined {
  return baseUrl?.replace(/\/+$/, '').replace(/\/v1$/, '');
}

function authHeaders(
  style: ClaudeAuthStyle,
  apiKey: string | undefined,
): Record<string, string | null> {
  // The 1.x SDK sends its apiKey as `Authorization: Bearer`; `null` removes that header.
  if (style === 'bearer') return {};
  if (style === 'none') return { Authorization: null };
  if (style === 'api-key') return { 'api-key': apiKey ?? '', Authorization: null };
  return { 'x-api-key': apiKey ?? '', Authorization: null };
}

function sdkLogger(logger: Logger): NonNullable<ClientOptions['logger']> {
  const forward =
    (level: keyof Logger) =>
    (message: string, ...rest: unknown[]) =>
      logger[level](
        `anthropic-sdk: ${String(message)}`,
        rest.length > 0 ? { details: rest } : undefined,
      );
  return {
    error: forward('error'),
    warn: forward('warn'),
    info: forward('info'),
    debug: forward('debug'),
  };
}

/**
 * The Anthropic client settings of a provider config. SDK retries are off (`maxRetries: 0`; retries
 * belong to @llm/retry). The key is always passed explicitly, so the SDK never falls back to
 * credentials of its own (environment tokens, profiles on disk).
 */
export function anthropicClientOptions(
  config: LLMProviderConfig,
  logger: Logger,
  apiKey = resolveClaudeApiKey(config),
): ClientOptions {
  const style: ClaudeAuthStyle = config.auth_style ?? 'x-api-key';
  const baseURL = anthropicBaseURL(config.base_url);
  return {
    apiKey: apiKey ?? 'no-api-key-configured',
    ...(baseURL !== undefined && { baseURL }),
    timeout: config.timeout,
    maxRetries: 0,
    defaultHeaders: { ...authHeaders(style, apiKey), ...config.headers },
    ...(config.query && { defaultQuery: config.query }),
    logger: sdkLogger(logger),
    logLevel: 'warn',
  };
}
