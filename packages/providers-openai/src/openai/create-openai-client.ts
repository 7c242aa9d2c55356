import type { LLMProviderConfig } from '@llm/core';
import OpenAI from 'openai';
import type { ClientContext } from '../provider/openai-compatible-options';
import { toSdkLogger } from '../provider/to-sdk-logger';

/**
 * The SDK client for a `type = "openai"` provider. SDK retries are off: retries belong to @llm/retry.
 * Unset `api_key` / `base_url` fall back to the SDK's own `OPENAI_API_KEY` / `OPENAI_BASE_URL`.
 */
export function createOpenAIClient(config: LLMProviderConfig, context?: ClientContext): OpenAI {
  return new OpenAI({
    apiKey: config.api_key,
    baseURL: config.base_url,
    organization: config.organization,
    project: config.project,
    defaultHeaders: config.headers,
    defaultQuery: config.query,
    timeout: config.timeout,
    maxRetries: 0,
    ...(context ? { logger: toSdkLogger(context.logger) } : {}),
  });
}
