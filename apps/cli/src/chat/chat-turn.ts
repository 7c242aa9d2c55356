// One turn of a conversation: send every message so far plus the new user turn, stream or not,
// and append the user turn, the answer and its usage to the conversation.
import {
  assistantMessageFrom,
  type LLMMessage,
  type LLMRequest,
  type LLMResponse,
  type LLMStreamChunk,
  type LLMToolCall,
  type TokenUsage,
} from '@llm/core';
import type { LLMManager } from '@llm/manager';
import type { StoredConversation } from './conversation-store';

export interface TurnOptions {
  /** Streams the answer; each text delta goes to `onDelta` as it arrives. */
  stream: boolean;
  onDelta?: (text: string) => void;
  /** Aborting stops the answer; what arrived until then is kept as the assistant turn. */
  signal?: AbortSignal;
  max_tokens?: number;
  temperature?: number;
}

/** The usage tag naming the conversation a call belongs to (`llm logs --conversation <id>`). */
export const CONVERSATION_TAG = 'conversation';

export interface TurnResult {
  readonly content: string;
  readonly model: string;
  readonly finish_reason?: string;
  readonly tool_calls?: readonly LLMToolCall[];
  readonly usage?: TokenUsage;
  /** The full response of a call that did not stream. */
  readonly response?: LLMResponse;
  /** True when the signal stopped the answer before it finished. */
  readonly stopped: boolean;
}

async function streamTurn(
  manager: LLMManager,
  request: LLMRequest,
  options: TurnOptions,
  tags: Record<string, string>,
): Promise<TurnResult> {
  let content = '';
  let finish: Extract<LLMStreamChunk, { type: 'finish' }> | undefined;
  const toolCalls: LLMToolCall[] = [];
  const chunks = manager.streamCompletion(request, { signal: options.signal, tags });
  const iterator = chunks[Symbol.asyncIterator]();
  // The stop is ours: the answer ends at once, without waiting for the next chunk to arrive.
  const stopped = new Promise<'stopped'>((resolve) => {
    if (options.signal?.aborted) resolve('stopped');
    options.signal?.addEventListener('abort', () => resolve('stopped'), { once: true });
  });
  for (;;) {
    const next = await Promise.race([iterator.next(), stopped]);
    if (next === 'stopped') {
      void iterator.return?.().catch(() => undefined);
      return { content, model: request.model, stopped: true };
    }
    if (next.done) break;
    const chunk = next.value;
    if (chunk.type === 'text-delta') {
      content += chunk.delta;
      options.onDelta?.(chunk.delta);
    } else if (chunk.type === 'tool-call') toolCalls.push(chunk.tool_call);
    else if (chunk.type === 'finish') finish = chunk;
  }
  return {
    content,
    model: finish?.model ?? request.model,
    finish_reason: finish?.finish_reason,
    tool_calls: toolCalls.length > 0 ? toolCalls : undefined,
    usage: finish?.usage,
    stopped: false,
  };
}

/** Sends `user` after the conversation's messages and records the turn in `conversation`. */
export async function runTurn(
  manager: LLMManager,
  conversation: StoredConversation,
  target: { model: string; provider: string | undefined },
  user: LLMMessage,
  options: TurnOptions,
): Promise<TurnResult> {
  const request: LLMRequest = {
    model: target.model,
    provider: target.provider,
    messages: [...conversation.messages, user],
    max_tokens: options.max_tokens,
    temperature: options.temperature,
  };
  const tags = { [CONVERSATION_TAG]: conversation.id };
  let result: TurnResult;
  if (options.stream) result = await streamTurn(manager, request, options, tags);
  else {
    const response = await manager.chatCompletion(request, { signal: options.signal, tags });
    result = {
      content: response.content ?? '',
      model: response.model,
      finish_reason: response.finish_reason,
      tool_calls: response.tool_calls,
      usage: response.usage,
      response,
      stopped: false,
    };
  }
  const assistant: LLMMessage = result.response
    ? assistantMessageFrom(result.response)
    : {
        role: 'assistant',
        content: result.content,
        ...(result.tool_calls && { tool_calls: [...result.tool_calls] }),
      };
  recordTurn(conversation, target, user, assistant, result.model, result.usage, result.usage?.cost);
  return result;
}

/**
 * Appends one answered turn to the conversation: both messages, the model it is now on, and the
 * turn's tokens and cost (what `/usage` and `llm logs` add up).
 */
export function recordTurn(
  conversation: StoredConversation,
  target: { model: string; provider: string | undefined },
  user: LLMMessage,
  assistant: LLMMessage,
  model: string,
  usage: TokenUsage | undefined,
  cost: number | undefined,
): void {
  conversation.messages.push(user, assistant);
  conversation.model = target.model;
  conversation.provider = target.provider;
  conversation.updated_at = new Date().toISOString();
  if (usage)
    conversation.usage.push({
      model,
      prompt_tokens: usage.prompt_tokens,
      completion_tokens: usage.completion_tokens,
      cost,
      currency: usage.currency,
    });
}
