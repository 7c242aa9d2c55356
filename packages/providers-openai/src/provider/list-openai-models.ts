import type { ModelInfo } from '@llm/core';
import type OpenAI from 'openai';

/** `GET /models`, every page, as ModelInfo. */
export async function listOpenAIModels(
  client: OpenAI,
  requestOptions: OpenAI.RequestOptions,
): Promise<ModelInfo[]> {
  const models: ModelInfo[] = [];
  for await (const model of client.models.list(requestOptions)) {
    models.push({
      id: model.id,
      ...(model.owned_by ? { owned_by: model.owned_by } : {}),
      ...(typeof model.created === 'number' ? { created: model.created } : {}),
    });
  }
  return models;
}
