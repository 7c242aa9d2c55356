import {
  EmbeddingRequestSchema,
  MODEL_NOT_CONFIGURED,
  estimateTextTokens,
  findModelConfig,
  validationError,
  type EmbeddingRequest,
  type EmbeddingResponse,
  type LLMProviderConfig,
  type TokenUsage,
  type ValidationIssue,
} from '@llm/core';
import type OpenAI from 'openai';
import {
  buildResponseMetadata,
  normalizeOpenAIUsage,
  notProtocolBodyError,
} from '../chat/openai-chat-completion';
import type { ChatRuntime } from '../openai-compatible-provider';

/** Consecutive slices of at most `size` items, in order. */
export function splitIntoBatches<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`Batch size must be a positive integer, got ${size}`);
  const batches: T[][] = [];
  for (let start = 0; start < items.length; start += size)
    batches.push(items.slice(start, start + size));
  return batches;
}

/**
 * One embedding as numbers: float arrays pass through; base64 (what `encoding_format: 'base64'`
 * returns) is read as little-endian float32, the wire format OpenAI documents.
 */
export function decodeEmbedding(value: unknown): number[] {
  if (Array.isArray(value)) return value.map(Number);
  if (typeof value !== 'string')
    throw new SyntaxError(
      `An embedding must be a list of numbers or a base64 string, got ${typeof value}`,
    );
  const bytes = Buffer.from(value, 'base64');
  if (bytes.length % 4 !== 0)
    throw new SyntaxError(
      `A base64 embedding must hold whole float32 values, got ${bytes.length} bytes`,
    );
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Array.from({ length: bytes.length / 4 }, (_, index) => view.getFloat32(index * 4, true));
}

/**
 * The usage of all batches added up. If any batch came back without usage, the whole call is
 * estimated from the inputs instead (flagged), so a partial count never passes for an exact one.
 */
export function sumEmbeddingUsage(
  rawUsages: readonly unknown[],
  inputs: readonly string[],
  estimationModel: string,
): TokenUsage {
  const reported = rawUsages.map(normalizeOpenAIUsage);
  if (reported.length > 0 && reported.every((usage) => usage !== undefined)) {
    const prompt = reported.reduce((sum, usage) => sum + usage!.prompt_tokens, 0);
    const total = reported.reduce((sum, usage) => sum + usage!.total_tokens, 0);
    return { prompt_tokens: prompt, completion_tokens: total - prompt, total_tokens: total };
  }
  const prompt = inputs.reduce(
    (sum, input) => sum + estimateTextTokens(input, estimationModel).tokens,
    0,
  );
  return { prompt_tokens: prompt, completion_tokens: 0, total_tokens: prompt, estimated: true };
}

/** The largest number of inputs OpenAI accepts in one embeddings request. */
export const DEFAULT_EMBEDDING_BATCH_SIZE = 2048;

export interface CreateEmbeddingsOptions {
  modelId: string;
  inputs: readonly string[];
  batchSize?: number;
  dimensions?: number;
  encodingFormat?: 'float' | 'base64';
  user?: string;
  requestOptions?: OpenAI.RequestOptions;
  /** Names the provider and scrubs its secrets when an answer is not an embeddings list. */
  runtime: ChatRuntime;
  /** The model the request named, for errors. */
  requestModel: string;
}

export interface CreatedEmbeddings {
  /** One vector per input, in input order. */
  embeddings: number[][];
  /** Each batch's usage object as the server sent it (undefined where it sent none). */
  rawUsages: unknown[];
  responseModel?: string;
  requestIds: string[];
}

/**
 * Embeds every input, one request per batch (sequentially, so a batch failure stops the rest), and
 * returns the vectors decoded and in input order whatever the wire encoding and the servers' order.
 */
export async function createOpenAIEmbeddings(
  client: OpenAI,
  options: CreateEmbeddingsOptions,
): Promise<CreatedEmbeddings> {
  const result: CreatedEmbeddings = { embeddings: [], rawUsages: [], requestIds: [] };
  for (const batch of splitIntoBatches(
    options.inputs,
    options.batchSize ?? DEFAULT_EMBEDDING_BATCH_SIZE,
  )) {
    const { data, response, request_id } = await client.embeddings
      .create(
        {
          model: options.modelId,
          input: [...batch],
          ...(options.dimensions === undefined ? {} : { dimensions: options.dimensions }),
          ...(options.encodingFormat === undefined
            ? {}
            : { encoding_format: options.encodingFormat }),
          ...(options.user === undefined ? {} : { user: options.user }),
        },
        options.requestOptions,
      )
      .withResponse();
    // A proxy page sent with 200 reaches here as text: report it, not a TypeError.
    if (!Array.isArray((data as { data?: unknown } | null)?.data)) {
      throw notProtocolBodyError(options.runtime, {
        status: response.status,
        contentType: response.headers.get('content-type')?.split(';')[0]?.trim(),
        body: data,
        expected: 'an embeddings list',
        model: options.requestModel,
        requestId: request_id,
      });
    }
    const vectors = [...data.data]
      .sort((left, right) => left.index - right.index)
      .map((item) => decodeEmbedding(item.embedding));
    if (vectors.length !== batch.length) {
      throw new SyntaxError(
        `The embeddings response holds ${vectors.length} vectors for ${batch.length} inputs`,
      );
    }
    result.embeddings.push(...vectors);
    result.rawUsages.push(data.usage ?? undefined);
    result.responseModel ??= data.model || undefined;
    if (request_id) result.requestIds.push(request_id);
  }
  return result;
}

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
        code: MODEL_NOT_CONFIGURED,
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
      runtime,
      requestModel: request.model,
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
