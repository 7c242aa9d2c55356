import type {
  CallOptions,
  EmbeddingRequest,
  EmbeddingResponse,
  LLMProviderConfig,
} from '@llm/core';
import {
  OpenAICompatibleProvider,
  type OpenAICompatibleProviderOptions,
} from '@llm/providers-openai';
import { createGenericClient } from '../client/create-generic-client';
import { resolveGenericConfig } from '../config/resolve-generic-config';
import { GENERIC_ERROR_RULES } from '../errors/generic-error-rules';
import type { GenericPreset } from '../preset/generic-preset';
import type { ChatTransform } from '../transforms/chat-transform';
import { composeTransforms } from '../transforms/compose-transforms';
import { defaultTransformRegistry } from '../transforms/default-transform-registry';
import { resolveTransforms, type ResolvedTransform } from '../transforms/resolve-transforms';
import type { TransformRegistry } from '../transforms/transform-registry';

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
    createClient: (_config, context) => createGenericClient(resolved, context),
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
