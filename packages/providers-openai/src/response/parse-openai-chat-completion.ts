import type { FinishReason, LLMToolCall } from '@llm/core';
import type { ResponseWireFacts } from './build-response-metadata';
import { mapOpenAIFinishReason } from './map-openai-finish-reason';
import { readReasoningText } from './read-reasoning-text';

/** The facts of a non-streaming Chat Completions answer, before usage is normalized. */
export interface ParsedChatCompletion extends ResponseWireFacts {
  content?: string;
  reasoning?: string;
  toolCalls?: LLMToolCall[];
  finishReason: FinishReason;
}

interface WireToolCall {
  id?: string;
  type?: string;
  function?: { name?: string; arguments?: string };
}

function toToolCalls(calls: unknown): LLMToolCall[] | undefined {
  if (!Array.isArray(calls) || calls.length === 0) return undefined;
  return (calls as WireToolCall[])
    .filter((call) => call.type === undefined || call.type === 'function')
    .map((call, index) => ({
      id: call.id ?? `call_${index}`,
      type: 'function' as const,
      function: { name: call.function?.name ?? '', arguments: call.function?.arguments ?? '' },
    }));
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;

/**
 * Reads the first choice of a Chat Completions body (typed loosely: compatible servers add fields).
 * Returns undefined when the body is not a completion at all (e.g. an HTML page sent as JSON).
 */
export function parseOpenAIChatCompletion(body: unknown): ParsedChatCompletion | undefined {
  if (
    typeof body !== 'object' ||
    body === null ||
    !Array.isArray((body as { choices?: unknown }).choices)
  )
    return undefined;
  const completion = body as Record<string, unknown> & { choices: Array<Record<string, unknown>> };
  const choice = completion.choices[0];
  const message = (choice?.['message'] ?? {}) as Record<string, unknown>;
  const rawFinishReason = text(choice?.['finish_reason']);
  return {
    content: text(message['content']),
    reasoning: readReasoningText(message),
    toolCalls: toToolCalls(message['tool_calls']),
    finishReason: mapOpenAIFinishReason(rawFinishReason),
    rawFinishReason,
    rawUsage: completion['usage'] ?? undefined,
    responseId: text(completion['id']) || undefined,
    responseModel: text(completion['model']) || undefined,
    created: typeof completion['created'] === 'number' ? completion['created'] : undefined,
    promptFilterResults: completion['prompt_filter_results'],
    contentFilterResults: choice?.['content_filter_results'],
  };
}
