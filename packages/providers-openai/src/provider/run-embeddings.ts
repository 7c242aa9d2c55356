import {
  EmbeddingRequestSchema,
  findModelConfig,
  validationError,
  type EmbeddingRequest,
  type EmbeddingResponse,
  type LLMProviderConfig,
  type ValidationIssue,
} from '@llm/core';
import type OpenAI from 'openai';
import {
  createOpenAIEmbeddings,
  DEFAULT_EMBEDDING_BATCH_SIZE,
} from '../embeddings/create-openai-embeddings';
import { sumEmbeddingUsage } from '../embeddings/sum-embedding-usage';
import { buildResponseMetadata } from '../response/build-response-metadata';
import type { ChatRuntime } from './chat-runtime';

export interface RunEmbeddingsOptions {
  config: LLMProviderConfig;
  runtime: ChatRuntime;
  requestOptions: OpenAI.RequestOptions;
  resolveModelId: (requestModel: string, model: ReturnType<typeof findModelConfig>) => string;
  defaultBatchSize?: number;
}

function validate(request: EmbeddingRequest, config: LLMProviderConfig): ValidationIssue[] {
  const parsed = EmbeddingRequestSchema.safeParse(request);
  if (!parsed.success)
    return parsed.error.issues.map((issue) => ({
      field: issue.path.join('.') || '(request)',
      message: issue.message,
    }));
  const configured = config.models.map((model) => model.name);
  if (configured.length > 0 && !findModelConfig(config, request.model)) {
    return [
      {
        field: 'model',
        message: `Model "${request.model}" is not configured for provider "${config.name}" (configured: ${configured.join(', ')})`,
      },
    ];
  }
  return [];
}

/** Validates (before the client is even built), embeds in batches of the model's `max_batch_size`, and sums the batches' usage. */
export async function runEmbeddings(
  client: () => OpenAI,
  request: EmbeddingRequest,
  options: RunEmbeddingsOptions,
): Promise<EmbeddingResponse> {
  const { config, runtime } = options;
  const issues = validate(request, config);
  if (issues.length)
    throw validationError({ valid: false, errors: issues }, config.name, request.model);
  const model = findModelConfig(config, request.model);
  const inputs = typeof request.input === 'string' ? [request.input] : request.input;
  const startedAt = runtime.clock.now();
  try {
    const created = await createOpenAIEmbeddings(client(), {
      modelId: options.resolveModelId(request.model, model),
      inputs,
      batchSize: model?.max_batch_size ?? options.defaultBatchSize ?? DEFAULT_EMBEDDING_BATCH_SIZE,
      dimensions: request.dimensions,
      encodingFormat: request.encoding_format,
      requestOptions: options.requestOptions,
    });
    const estimationModel = model?.model_id ?? model?.name ?? request.model;
    return {
      model: request.model,
      embeddings: created.embeddings,
      usage: sumEmbeddingUsage(created.rawUsages, inputs, estimationModel),
      metadata: buildResponseMetadata(
        {
          providerName: runtime.providerName,
          providerType: runtime.providerType,
          responseTime: runtime.clock.now() - startedAt,
          requestId: created.requestIds[0],
        },
        {
          rawUsage: created.rawUsages.length === 1 ? created.rawUsages[0] : created.rawUsages,
          responseModel: created.responseModel,
        },
      ),
    };
  } catch (error) {
    throw runtime.mapError(error, {
      model: request.model,
      signal: options.requestOptions.signal ?? undefined,
    });
  }
}
