import type { ScriptedReply } from '../simulator-types';
import { simulatorPromptTokens } from '../tokens/simulator-prompt-tokens';
import { simulatorTokenCount } from '../tokens/simulator-token-count';
import type { ChatRequestView } from './chat-request-view';
import { echoAnswerText } from './echo-answer';
import { resolveUsage } from './resolve-usage';
import type { SimulatedAnswer, SimulatedToolCall } from './simulated-answer';

const DEFAULT_CHUNK_SIZE = 8;

function toolCallsOf(reply: ScriptedReply | undefined): SimulatedToolCall[] {
  return (reply?.tool_calls ?? []).map((call) => ({
    id: call.id,
    name: call.name,
    arguments: typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments),
  }));
}

/**
 * The answer to a chat request: the scripted reply, or the echo. A reply without `text` and
 * `tool_calls` keeps the echo text (so `{ usage }` alone scripts only the numbers).
 */
export function buildAnswer(
  view: ChatRequestView,
  reply: ScriptedReply | undefined,
): SimulatedAnswer {
  const toolCalls = toolCallsOf(reply);
  const echo =
    reply?.text === undefined && toolCalls.length === 0 ? echoAnswerText(view) : undefined;
  const text = reply?.text ?? echo?.text ?? '';
  const reasoning = reply?.reasoning;
  const reasoningTokens = simulatorTokenCount(reasoning ?? '');
  const toolTokens = toolCalls.reduce(
    (sum, call) => sum + simulatorTokenCount(call.name) + simulatorTokenCount(call.arguments),
    0,
  );
  const contentFilter = reply?.content_filter ?? [];
  return {
    text,
    reasoning,
    toolCalls,
    usage: resolveUsage(reply?.usage, {
      prompt_tokens: simulatorPromptTokens(view.messages, {
        system: view.system,
        tools: view.tools,
      }),
      completion_tokens: simulatorTokenCount(text) + reasoningTokens + toolTokens,
      reasoning_tokens: reasoningTokens,
    }),
    finishKind: echo?.finishKind ?? (toolCalls.length > 0 ? 'tool_calls' : 'stop'),
    stopSequence: echo?.stopSequence ?? null,
    scriptedFinishReason:
      reply?.finish_reason ?? (contentFilter.length > 0 ? 'content_filter' : undefined),
    model: reply?.model,
    chunkSize: Math.max(1, Math.floor(reply?.chunk_size ?? DEFAULT_CHUNK_SIZE)),
    interleaveToolCalls: reply?.interleave_tool_calls ?? false,
    contentFilter,
  };
}
