import { renderAnthropicMessages } from '../anthropic/anthropic-messages-handler';
import { renderAzureChat } from '../azure/azure-chat-handler';
import { renderEmbeddings } from '../embeddings/embeddings-handler';
import type { RenderedResponse } from '../http/rendered-response';
import { renderModels, type ModelLists } from '../models/models-handler';
import { renderOpenAIChat } from '../openai/openai-chat-handler';
import type { Route } from '../routing/route-request';
import type { ScriptedReply } from '../simulator-types';
import { requestErrors } from '../errors/request-errors';

/** The answer a route gives: its protocol handler's response to the (scripted or default) reply. */
export function renderResponse(
  route: Route,
  request: {
    readonly method: string;
    readonly path: string;
    readonly body: Record<string, unknown>;
  },
  reply: ScriptedReply | undefined,
  models: ModelLists,
): RenderedResponse {
  switch (route.kind) {
    case 'chat':
      return route.dialect === 'azure'
        ? renderAzureChat(request.body, route.deployment ?? 'unknown', reply)
        : renderOpenAIChat(request.body, reply);
    case 'messages':
      return renderAnthropicMessages(request.body, reply);
    case 'embeddings':
      return renderEmbeddings(request.body, route.deployment, reply);
    case 'models':
      return renderModels(route, models);
    case 'unknown':
      return {
        kind: 'error',
        error: requestErrors.unknownRoute(route.dialect, request.method, request.path),
      };
  }
}
