import { buildAnswer } from '../answer/build-answer';
import type { RenderedResponse } from '../http/rendered-response';
import { DONE_FRAME, dataFrame } from '../http/sse-frame';
import { openaiCompletionBody } from '../openai/openai-completion-body';
import { openaiRequestView } from '../openai/openai-request-view';
import { newOpenAIResponseContext } from '../openai/openai-response-context';
import { openaiStreamChunks } from '../openai/openai-stream-chunks';
import type { ScriptedReply } from '../simulator-types';
import { azureCompletionBody, azureStreamChunks } from './azure-decorate';

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
