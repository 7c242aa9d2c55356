// Reasoning models (o1, o3, o4-mini, gpt-5, …) reject `max_tokens` with 400 unsupported_parameter and
// want `max_completion_tokens` instead; older chat models and most compatible servers only know
// `max_tokens`.
const REASONING_MODEL = /^(?:.*\/)?(?:o\d(?:-|$)|gpt-5|codex)/i;

/**
 * Whether a request's token cap must be sent as `max_completion_tokens`. Any of the names that
 * identify the model counts (the request's model, its `model_id`, an Azure deployment name).
 */
export function usesMaxCompletionTokens(...modelNames: ReadonlyArray<string | undefined>): boolean {
  return modelNames.some((name) => name !== undefined && REASONING_MODEL.test(name));
}
