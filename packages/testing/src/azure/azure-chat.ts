// The Azure OpenAI chat wire: OpenAI's shapes with Azure's content-filter annotations on every
// body and stream.
import { buildAnswer } from '../answer/build-answer';
import { DONE_FRAME, dataFrame, type RenderedResponse } from '../answer/rendered-response';
import {
  newOpenAIResponseContext,
  openaiCompletionBody,
  openaiRequestView,
  openaiStreamChunks,
} from '../openai/openai-chat';
import type { ScriptedReply } from '../simulator-types';

const SEVERITY_CATEGORIES = ['hate', 'self_harm', 'sexual', 'violence'] as const;

type FilterResults = Record<string, Record<string, unknown>>;

/** Per-choice `content_filter_results`: every category safe except the `filtered` ones. */
export function azureContentFilterResults(filtered: readonly string[] = []): FilterResults {
  const results: FilterResults = {};
  for (const category of SEVERITY_CATEGORIES) {
    results[category] = filtered.includes(category)
      ? { filtered: true, severity: 'high' }
      : { filtered: false, severity: 'safe' };
  }
  for (const category of filtered) {
    if (!(category in results)) results[category] = { filtered: true, detected: true };
  }
  return results;
}

/** Prompt-side results also report `jailbreak`. */
function azurePromptFilterResults(
  filtered: readonly string[] = [],
): Array<Record<string, unknown>> {
  const results = azureContentFilterResults(filtered);
  if (!filtered.includes('jailbreak')) results['jailbreak'] = { filtered: false, detected: false };
  return [{ prompt_index: 0, content_filter_results: results }];
}

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
function azureStreamChunks(chunks: readonly Chunk[], filtered: readonly string[]): Chunk[] {
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
function azureCompletionBody(body: Chunk, filtered: readonly string[]): Chunk {
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

/**
 * Answer `POST /openai/deployments/{deployment}/chat/completions`: OpenAI's shapes with Azure's
 * content-filter annotations; the model is the deployment unless a reply names one.
 */
export function renderAzureChat(
  body: Record<string, unknown>,
  deployment: string,
  reply: ScriptedReply | undefined,
): RenderedResponse {
  const view = openaiRequestView(body);
  const answer = buildAnswer(view, reply);
  const context = newOpenAIResponseContext(answer.model ?? deployment);
  if (!view.stream) {
    return {
      kind: 'json',
      status: 200,
      body: azureCompletionBody(openaiCompletionBody(answer, context), answer.contentFilter),
    };
  }
  const chunks = azureStreamChunks(
    openaiStreamChunks(answer, context, view.includeUsage),
    answer.contentFilter,
  );
  return { kind: 'stream', frames: [...chunks.map(dataFrame), DONE_FRAME] };
}
