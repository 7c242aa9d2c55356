import { azureContentFilterResults, azurePromptFilterResults } from './azure-content-filter';

type Chunk = Record<string, unknown>;
type Choice = Record<string, unknown>;

function carriesOutput(choice: Choice): boolean {
  const delta = choice['delta'];
  if (typeof delta !== 'object' || delta === null) return false;
  const fields = delta as Chunk;
  const content = fields['content'];
  return (
    (typeof content === 'string' && content !== '') ||
    'tool_calls' in fields ||
    'reasoning_content' in fields
  );
}

/**
 * Turn OpenAI chunks into Azure's: a first chunk with `choices: []` and `prompt_filter_results`,
 * then each choice with `content_filter_results` (`{}` on the role and finish chunks, as Azure does,
 * unless the answer was filtered, which the finish chunk then reports).
 */
export function azureStreamChunks(chunks: readonly Chunk[], filtered: readonly string[]): Chunk[] {
  const promptChunk: Chunk = {
    choices: [],
    created: 0,
    id: '',
    model: '',
    object: '',
    prompt_filter_results: azurePromptFilterResults(),
  };
  const decorated = chunks.map((chunk) => {
    const choices = chunk['choices'];
    if (!Array.isArray(choices) || choices.length === 0) return chunk;
    return {
      ...chunk,
      choices: choices.map((choice: Choice) => {
        const finishing = choice['finish_reason'] !== null && choice['finish_reason'] !== undefined;
        const results =
          carriesOutput(choice) || (finishing && filtered.length > 0)
            ? azureContentFilterResults(filtered)
            : {};
        return { ...choice, content_filter_results: results };
      }),
    };
  });
  return [promptChunk, ...decorated];
}

/** Azure's `chat.completion` adds `prompt_filter_results` and per-choice `content_filter_results`. */
export function azureCompletionBody(body: Chunk, filtered: readonly string[]): Chunk {
  const choices = Array.isArray(body['choices']) ? body['choices'] : [];
  return {
    ...body,
    choices: choices.map((choice: Choice) => ({
      ...choice,
      content_filter_results: azureContentFilterResults(filtered),
    })),
    prompt_filter_results: azurePromptFilterResults(),
  };
}
