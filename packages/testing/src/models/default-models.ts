/** Listed by `GET /v1/models` when `StartSimulatorOptions.models` is not given. */
export const DEFAULT_OPENAI_MODELS: readonly string[] = [
  'gpt-4o',
  'gpt-4o-mini',
  'gpt-4.1',
  'gpt-4.1-mini',
  'o3-mini',
  'text-embedding-3-small',
  'text-embedding-3-large',
];

/** Listed for Anthropic clients (requests with an `anthropic-version` header). */
export const DEFAULT_ANTHROPIC_MODELS: readonly string[] = [
  'claude-opus-5',
  'claude-opus-4-8',
  'claude-haiku-4-5-20251001',
];
