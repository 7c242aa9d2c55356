import { silentLogger, type LLMProviderConfig } from '@llm/core';
import type { OpenAIChatBody, OpenAIWireChunk } from '@llm/providers-openai';
import type { GenericPreset } from '../presets';
import type { TransformContext } from '../transforms/chat-transform';

const CONFIG: LLMProviderConfig = {
  name: 'compatible',
  type: 'generic',
  models: [],
  enabled: true,
  timeout: 30_000,
};

/** The context a transform sees during a call to `modelId`. */
export function transformContext(
  fields: { settings?: unknown; preset?: GenericPreset; modelId?: string; stream?: boolean } = {},
): TransformContext {
  const modelId = fields.modelId ?? 'chat-model';
  return {
    request: { model: modelId, messages: [{ role: 'user', content: 'hi' }] },
    model: undefined,
    modelId,
    config: CONFIG,
    stream: fields.stream ?? false,
    settings: fields.settings,
    preset: fields.preset,
    logger: silentLogger,
    state: new Map(),
  };
}

export const chatBody = (fields: Record<string, unknown> = {}): OpenAIChatBody => ({
  model: 'chat-model',
  messages: [{ role: 'user', content: 'hi' }],
  ...fields,
});

/** A stream chunk whose first choice carries this delta (and finish reason). */
export const deltaChunk = (
  delta: Record<string, unknown>,
  finishReason: string | null = null,
): OpenAIWireChunk => ({
  id: 'chatcmpl-1',
  choices: [{ index: 0, delta, finish_reason: finishReason }],
});
