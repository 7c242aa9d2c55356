import type OpenAI from 'openai';
import { decodeEmbedding } from './decode-embedding';
import { splitIntoBatches } from './split-into-batches';

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
    const { data, request_id } = await client.embeddings
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
