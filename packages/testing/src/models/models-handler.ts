import type { RenderedResponse } from '../http/rendered-response';
import type { Route } from '../routing/route-request';
import { anthropicDisplayName } from './anthropic-display-name';

export interface ModelLists {
  readonly openai: readonly string[];
  readonly anthropic: readonly string[];
}

const CREATED = 1_700_000_000;
const CREATED_AT = '2025-01-01T00:00:00Z';

const openaiModel = (id: string): Record<string, unknown> => ({
  id,
  object: 'model',
  created: CREATED,
  owned_by: 'system',
});
const anthropicModel = (id: string): Record<string, unknown> => ({
  type: 'model',
  id,
  display_name: anthropicDisplayName(id),
  created_at: CREATED_AT,
});

/**
 * Answer `GET /v1/models[/{id}]` (and Azure's `/openai/models`): OpenAI's list shape, or Anthropic's
 * paged shape for Anthropic clients. An unknown id is a 404 in the dialect's error shape.
 */
export function renderModels(route: Route, lists: ModelLists): RenderedResponse {
  const anthropic = route.dialect === 'anthropic';
  const ids = anthropic ? lists.anthropic : lists.openai;
  const toModel = anthropic ? anthropicModel : openaiModel;
  if (route.modelId !== undefined) {
    if (!ids.includes(route.modelId)) return { kind: 'error', error: { status: 404 } };
    return { kind: 'json', status: 200, body: toModel(route.modelId) };
  }
  if (!anthropic)
    return { kind: 'json', status: 200, body: { object: 'list', data: ids.map(toModel) } };
  return {
    kind: 'json',
    status: 200,
    body: {
      data: ids.map(toModel),
      has_more: false,
      first_id: ids[0] ?? null,
      last_id: ids[ids.length - 1] ?? null,
    },
  };
}
