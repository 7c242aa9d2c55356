import {
  LLMErrorType,
  type CallOptions,
  type EmbeddingRequest,
  type EmbeddingResponse,
  type LLMProviderConfig,
} from '@llm/core';
import {
  OpenAICompatibleProvider,
  toSdkLogger,
  type ClientContext,
  type OpenAICompatibleProviderOptions,
  type OpenAIErrorRule,
} from '@llm/providers-openai';
import { missingCredentialsError, transportOptions } from '@llm/providers-openai/internal';
import type OpenAI from 'openai';
import { resolveGenericConfig, type ResolvedGenericConfig } from './generic-config';
import type { AuthStyle, GenericPreset } from './presets';
import type { ChatTransform } from './transforms/chat-transform';
import {
  composeTransforms,
  resolveTransforms,
  type ResolvedTransform,
} from './transforms/compose-transforms';
import { defaultTransformRegistry, type TransformRegistry } from './transforms/transform-registry';

/**
 * Default headers that put the key where the server wants it. The SDK always adds
 * `Authorization: Bearer <apiKey>`; a null value removes it, so only bearer auth with a real key
 * keeps it. No key means no auth header at all (local servers).
 */
export function authHeaders(
  style: AuthStyle,
  apiKey: string | undefined,
): Record<string, string | null> {
  const key = apiKey === undefined || apiKey === '' ? undefined : apiKey;
  if (style === 'bearer' && key !== undefined) return {};
  const headers: Record<string, string | null> = { Authorization: null };
  if (key !== undefined && (style === 'api-key' || style === 'x-api-key')) headers[style] = key;
  return headers;
}

// The SDK refuses to start without a key; this one never leaves the process (auth-headers removes it).
const NO_KEY = 'no-key';

/** The key a generic provider sends; refuses a preset that needs a key and has none. */
export function checkGenericCredentials(resolved: ResolvedGenericConfig): string | undefined {
  const { config, preset } = resolved;
  const apiKey = config.api_key === '' ? undefined : config.api_key;
  if (apiKey === undefined && preset?.requiresApiKey && config.auth_style !== 'none') {
    throw missingCredentialsError(
      config.name,
      `${preset.title} needs an api_key (preset "${preset.name}"); set api_key = "\${…}" in the provider's config`,
    );
  }
  return apiKey;
}

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
  const { config } = resolved;
  const apiKey = checkGenericCredentials(resolved);
  return new context.sdk.OpenAI({
    apiKey: apiKey ?? NO_KEY,
    baseURL: config.base_url,
    organization: null,
    project: null,
    defaultHeaders: { ...authHeaders(config.auth_style, apiKey), ...config.headers },
    defaultQuery: config.query,
    timeout: config.timeout,
    maxRetries: 0,
    ...transportOptions(context.transport),
    logger: toSdkLogger(context.logger),
  });
}

/**
 * Error-table rows compatible services need beyond OpenAI's table, tried first. 402 is how
 * DeepSeek ("Insufficient Balance") and OpenRouter (credits exhausted) say the account is empty:
 * like OpenAI's `insufficient_quota`, a rate limit that waiting does not lift.
 */
export const GENERIC_ERROR_RULES: readonly OpenAIErrorRule[] = [
  {
    name: 'payment required',
    matches: (facts) => facts.status === 402,
    type: LLMErrorType.RATE_LIMIT_ERROR,
    retryable: false,
    details: () => ({ reason: 'insufficient_balance' }),
  },
];

type TransformHookName = 'transformRequest' | 'transformResponse' | 'transformStreamChunk';

/** Any seam of the shared base except the three transform hooks, which `transforms` replaces. */
export interface GenericProviderOptions extends Omit<
  Partial<OpenAICompatibleProviderOptions>,
  TransformHookName
> {
  /** Run after the preset's and the config's transforms: registered names or transform objects. */
  transforms?: ReadonlyArray<string | ChatTransform>;
  /** Where transform names are looked up (default: the process-wide registry). */
  transformRegistry?: TransformRegistry;
}

function setUp(config: LLMProviderConfig, options: GenericProviderOptions) {
  const resolved = resolveGenericConfig(config);
  const { transforms: codeTransforms = [], transformRegistry, errorRules, ...seams } = options;
  const transforms = resolveTransforms(
    [...(resolved.preset?.transforms ?? []), ...(config.transforms ?? []), ...codeTransforms],
    { providerName: config.name, registry: transformRegistry ?? defaultTransformRegistry() },
  );
  const { maxCompletionTokens } = resolved;
  const baseOptions: OpenAICompatibleProviderOptions = {
    // `current` differs from `config` only in `api_key`: a client per key of `api_keys`.
    createClient: (current, context) =>
      createGenericClient(
        current.api_key === resolved.config.api_key
          ? resolved
          : { ...resolved, config: { ...resolved.config, api_key: current.api_key } },
        context,
      ),
    // Checked at start-up without the SDK; a `createClient` of one's own decides for itself.
    ...(seams.createClient ? {} : { checkConfig: () => void checkGenericCredentials(resolved) }),
    includeStreamUsage: resolved.includeStreamUsage,
    usageMayBeMissing: resolved.usageMayBeMissing,
    ...(maxCompletionTokens === undefined
      ? {}
      : { useMaxCompletionTokens: () => maxCompletionTokens }),
    errorRules: [...(errorRules ?? []), ...GENERIC_ERROR_RULES],
    ...composeTransforms(transforms, {
      config: resolved.config,
      preset: resolved.preset,
      logger: options.logger,
    }),
    ...seams,
  };
  return { resolved, transforms, baseOptions };
}

/**
 * The `generic` provider type: any server that speaks OpenAI's Chat Completions, optionally from a
 * preset (deepseek, qwen, ollama, …) that fills the base URL, auth style and quirks, with request /
 * response transforms named in config or given in code. Config problems (unknown preset or
 * transform, no base URL) throw here, before any network call.
 */
export class GenericProvider extends OpenAICompatibleProvider {
  readonly preset: GenericPreset | undefined;
  /** The transforms every call runs, in order (preset's, config's, then code's). */
  readonly transforms: readonly ResolvedTransform[];
  private readonly embeddingEncoding: 'float' | 'base64';

  constructor(config: LLMProviderConfig, options: GenericProviderOptions = {}) {
    const { resolved, transforms, baseOptions } = setUp(config, options);
    super(resolved.config, baseOptions);
    this.preset = resolved.preset;
    this.transforms = transforms;
    this.embeddingEncoding = resolved.embeddingEncoding;
  }

  /**
   * Embeddings ask for float vectors unless told otherwise: servers that ignore `encoding_format`
   * return floats, which the SDK would misread as base64 if it had asked for base64 itself.
   */
  override embed(request: EmbeddingRequest, options?: CallOptions): Promise<EmbeddingResponse> {
    return super.embed(
      { ...request, encoding_format: request.encoding_format ?? this.embeddingEncoding },
      options,
    );
  }
}
