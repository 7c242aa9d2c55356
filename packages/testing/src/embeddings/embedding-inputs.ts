import { simulatorTokenCount } from '../tokens/simulator-token-count';

export interface EmbeddingInput {
  /** What is hashed: the string, or the JSON of a token array. */
  readonly text: string;
  readonly tokens: number;
}

function isTokenArray(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'number');
}

/** `input` as a list: a string, strings, a token array, or token arrays (a token array counts its length). */
export function embeddingInputs(input: unknown): EmbeddingInput[] {
  if (typeof input === 'string') return [{ text: input, tokens: simulatorTokenCount(input) }];
  if (isTokenArray(input)) return [{ text: JSON.stringify(input), tokens: input.length }];
  if (!Array.isArray(input)) return [];
  return input.map((item: unknown) =>
    isTokenArray(item)
      ? { text: JSON.stringify(item), tokens: item.length }
      : { text: String(item), tokens: simulatorTokenCount(String(item)) },
  );
}
