import type { RenderedResponse } from '../http/rendered-response';
import type { ScriptedReply } from '../simulator-types';
import { embeddingInputs } from './embedding-inputs';
import { encodeEmbeddingBase64, simulatorEmbedding } from './simulator-embedding';

const DEFAULT_DIMENSIONS = 8;

/**
 * Answer `POST /v1/embeddings` (and Azure's deployment form): one `simulatorEmbedding` per input,
 * `dimensions` long (default 8), as floats or base64; the model is the Azure deployment, else the
 * request's; usage counts the inputs' tokens
 * (a reply's `usage.prompt_tokens` overrides, `usage: null` omits it).
 */
export function renderEmbeddings(
  body: Record<string, unknown>,
  deployment: string | undefined,
  reply: ScriptedReply | undefined,
): RenderedResponse {
  const dimensions =
    typeof body['dimensions'] === 'number' ? body['dimensions'] : DEFAULT_DIMENSIONS;
  const base64 = body['encoding_format'] === 'base64';
  const inputs = embeddingInputs(body['input']);
  const data = inputs.map((input, index) => {
    const vector = simulatorEmbedding(input.text, dimensions);
    return {
      object: 'embedding',
      index,
      embedding: base64 ? encodeEmbeddingBase64(vector) : vector,
    };
  });
  const promptTokens =
    reply?.usage?.prompt_tokens ?? inputs.reduce((sum, input) => sum + input.tokens, 0);
  const model =
    reply?.model ?? deployment ?? (typeof body['model'] === 'string' ? body['model'] : 'unknown');
  return {
    kind: 'json',
    status: 200,
    body: {
      object: 'list',
      data,
      model,
      ...(reply?.usage === null
        ? {}
        : { usage: { prompt_tokens: promptTokens, total_tokens: promptTokens } }),
    },
  };
}
