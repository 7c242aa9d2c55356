// The models endpoint: `GET /v1/models[/{id}]` in OpenAI's shape, or Anthropic's paged shape for
// Anthropic clients, listing the simulator's default ids unless a test gives its own.
import type { RenderedResponse } from '../answer/rendered-response';
import type { Route } from '../server/route-request';

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

/** `claude-sonnet-4-5-20250929` → `Claude Sonnet 4.5`, the way Anthropic names its models. */
export function anthropicDisplayName(id: string): string {
  const words: string[] = [];
  for (const part of id.replace(/-\d{8}$/, '').split('-')) {
    const previous = words[words.length - 1];
    if (/^\d+$/.test(part) && previous !== undefined && /^\d+(\.\d+)*$/.test(previous)) {
      words[words.length - 1] = `${previous}.${part}`;
    } else {
      words.push(part.charAt(0).toUpperCase() + part.slice(1));
    }
  }
  return words.join(' ');
}

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
