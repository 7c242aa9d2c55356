// The embeddings wire (OpenAI's `/v1/embeddings` and Azure's deployment form) and the simulator's
// deterministic embedding of a text.
import { createHash } from 'node:crypto';
import type { RenderedResponse } from '../answer/rendered-response';
import { simulatorTokenCount } from '../answer/simulator-tokens';
import type { ScriptedReply } from '../simulator-types';

const DEFAULT_DIMENSIONS = 8;

/**
 * The simulator's embedding of a text: a unit vector derived from SHA-256 hashes of the text, each
 * value rounded to float32 so the float and base64 encodings decode to the same numbers.
 */
export function simulatorEmbedding(text: string, dimensions = DEFAULT_DIMENSIONS): number[] {
  const raw: number[] = [];
  for (let block = 0; raw.length < dimensions; block += 1) {
    const digest = createHash('sha256').update(`${block}:${text}`).digest();
    for (let offset = 0; offset + 4 <= digest.length && raw.length < dimensions; offset += 4) {
      raw.push((digest.readUInt32LE(offset) / 0xffffffff) * 2 - 1);
    }
  }
  const length = Math.hypot(...raw) || 1;
  return raw.map((value) => Math.fround(value / length));
}

/** Little-endian float32, base64-encoded: the `encoding_format: "base64"` wire form. */
export function encodeEmbeddingBase64(vector: readonly number[]): string {
  const buffer = Buffer.alloc(vector.length * 4);
  vector.forEach((value, index) => buffer.writeFloatLE(value, index * 4));
  return buffer.toString('base64');
}

interface EmbeddingInput {
  /** What is hashed: the string, or the JSON of a token array. */
  readonly text: string;
  readonly tokens: number;
}

function isTokenArray(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'number');
}

/** `input` as a list: a string, strings, a token array, or token arrays (a token array counts its length). */
function embeddingInputs(input: unknown): EmbeddingInput[] {
  if (typeof input === 'string') return [{ text: input, tokens: simulatorTokenCount(input) }];
  if (isTokenArray(input)) return [{ text: JSON.stringify(input), tokens: input.length }];
  if (!Array.isArray(input)) return [];
  return input.map((item: unknown) =>
    isTokenArray(item)
      ? { text: JSON.stringify(item), tokens: item.length }
      : { text: String(item), tokens: simulatorTokenCount(String(item)) },
  );
}

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
