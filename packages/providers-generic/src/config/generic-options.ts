import type { LLMProviderConfig } from '@llm/core';
import { configError } from './config-error';

/**
 * The generic provider's own keys under `options` in its config; each overrides the preset's
 * value. Other keys under `options` are transform settings (`options.<transform-name>`).
 */
export interface GenericOptions {
  /** Send `stream_options: { include_usage: true }` on streams. */
  readonly include_stream_usage?: boolean;
  /** The server may omit usage: estimate it (flagged) without a warning. */
  readonly usage_may_be_missing?: boolean;
  /** true: send the token cap as `max_completion_tokens`; false: as `max_tokens` (default: by model name). */
  readonly max_completion_tokens?: boolean;
  /** The embeddings wire encoding when a request names none (default `float`). */
  readonly embedding_encoding?: 'float' | 'base64';
}

const BOOLEAN_KEYS = ['include_stream_usage', 'usage_may_be_missing', 'max_completion_tokens'];
const ENCODINGS = ['float', 'base64'];

function problemsOf(options: Readonly<Record<string, unknown>>): string[] {
  const problems: string[] = [];
  for (const key of BOOLEAN_KEYS) {
    const value = options[key];
    if (value !== undefined && typeof value !== 'boolean')
      problems.push(`options.${key} must be true or false, got ${JSON.stringify(value)}`);
  }
  const encoding = options['embedding_encoding'];
  if (encoding !== undefined && !ENCODINGS.includes(encoding as string))
    problems.push(
      `options.embedding_encoding must be "float" or "base64", got ${JSON.stringify(encoding)}`,
    );
  return problems;
}

/** Reads and checks `config.options`; a wrong value is an error naming the key. */
export function readGenericOptions(config: LLMProviderConfig): GenericOptions {
  const options = config.options ?? {};
  const problems = problemsOf(options);
  if (problems.length > 0) throw configError(config.name, problems.join('; '));
  return options as GenericOptions;
}
