import * as z from './zod-subset';
import { ModelPricingSchema } from './model-pricing';
import {
  CircuitBreakerConfigSchema,
  RateLimitConfigSchema,
  RetryConfigSchema,
  TimeoutConfigSchema,
} from './resilience-config';

/** One model of a provider (LLMModelConfig of the public API). A capability left unset is not restricted. */
export const LLMModelConfigSchema = z.strictObject({
  name: z.string().min(1),
  display_name: z.string().optional(),
  /** The largest `max_tokens` a request may ask for. */
  max_tokens: z.number().int().positive().optional(),
  /** Input + output tokens the model accepts. */
  context_window: z.number().int().positive().optional(),
  supports_vision: z.boolean().optional(),
  supports_tools: z.boolean().optional(),
  supports_streaming: z.boolean().optional(),
  supports_json_mode: z.boolean().optional(),
  /** `chat` (default) or `embedding`. */
  mode: z.enum(['chat', 'embedding']).optional(),
  /** Azure: the deployment that serves this model. */
  deployment: z.string().optional(),
  /** The id sent to the provider when it differs from `name`. */
  model_id: z.string().optional(),
  /** Embeddings: the most inputs in one request. */
  max_batch_size: z.number().int().positive().optional(),
  pricing: ModelPricingSchema.optional(),
  rate_limit: RateLimitConfigSchema.optional(),
});
export type LLMModelConfig = z.output<typeof LLMModelConfigSchema>;

/** One configured provider (LLMProviderConfig of the public API). */
export const LLMProviderConfigSchema = z.strictObject({
  name: z.string().min(1),
  /** A registered provider type: `openai`, `azure`, `claude`/`anthropic`, `generic`, or a third party's. */
  type: z.string().min(1),
  api_key: z.string().optional(),
  /**
   * Several keys of one account or of several: handed out round-robin, one per attempt; a key that
   * gets a 401, 403 or an `insufficient_quota` 429 is benched for `key_cooldown`.
   */
  api_keys: z.array(z.string().min(1)).min(1).optional(),
  /** How long a benched key of `api_keys` rests, in ms (default `[llm.routing] key_cooldown`, 60000). */
  key_cooldown: z.number().int().positive().optional(),
  base_url: z.string().url().optional(),
  models: z.array(LLMModelConfigSchema).default([]),
  enabled: z.boolean().default(true),
  /** Per-attempt timeout in ms. */
  timeout: z.number().int().positive().default(30000),
  /** Caps the retries of this provider's calls (attempts = max_retries + 1); the retry policy's per-error defaults apply when unset. */
  max_retries: z.number().int().nonnegative().optional(),
  organization: z.string().optional(),
  project: z.string().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  query: z.record(z.string(), z.string()).optional(),
  /** Generic provider: a named preset (deepseek, qwen, ollama, …). */
  preset: z.string().optional(),
  /** How the key is sent: `bearer` (Authorization), `api-key`, `x-api-key`, or `none`. */
  auth_style: z.enum(['bearer', 'api-key', 'x-api-key', 'none']).optional(),
  /** Azure: `https://<resource>.openai.azure.com`. */
  endpoint: z.string().url().optional(),
  api_version: z.string().optional(),
  /** Claude: `max_tokens` sent when a request gives none (the API requires one). */
  default_max_tokens: z.number().int().positive().optional(),
  /** Generic provider: names of registered request/response transforms, applied in order. */
  transforms: z.array(z.string()).optional(),
  retry: RetryConfigSchema.optional(),
  circuit_breaker: CircuitBreakerConfigSchema.optional(),
  rate_limit: RateLimitConfigSchema.optional(),
  timeouts: TimeoutConfigSchema.optional(),
  /** Settings for third-party provider types, passed through unvalidated. */
  options: z.record(z.string(), z.unknown()).optional(),
});
export type LLMProviderConfig = z.output<typeof LLMProviderConfigSchema>;
export type LLMProviderConfigInput = z.input<typeof LLMProviderConfigSchema>;

/** Keys of a provider config that hold secrets; never printed or logged. */
export const SECRET_CONFIG_KEYS: readonly string[] = [
  'api_key',
  'api_keys',
  'azure_ad_token',
  'authorization',
  'password',
  'secret',
  'token',
];
