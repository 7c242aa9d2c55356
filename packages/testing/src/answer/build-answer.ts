import type { ScriptedReply, ScriptedUsage } from '../simulator-types';
import type {
  ChatRequestView,
  FinishKind,
  ResolvedUsage,
  SimulatedAnswer,
  SimulatedToolCall,
} from './simulated-answer';
import { lastUserText, simulatorPromptTokens, simulatorTokenCount } from './simulator-tokens';

const DEFAULT_CHUNK_SIZE = 8;

export interface EchoText {
  readonly text: string;
  readonly finishKind: FinishKind;
  readonly stopSequence: string | null;
}

function firstStop(
  text: string,
  sequences: readonly string[],
): { index: number; sequence: string } | undefined {
  let found: { index: number; sequence: string } | undefined;
  for (const sequence of sequences) {
    if (sequence === '') continue;
    const index = text.indexOf(sequence);
    if (index >= 0 && (found === undefined || index < found.index)) found = { index, sequence };
  }
  return found;
}

/**
 * The default answer: the last user message's text, cut before the first stop sequence it contains
 * (finish `stop_sequence`), then cut to `maxTokens` tokens (finish `length`).
 */
export function echoAnswerText(view: ChatRequestView): EchoText {
  let text = lastUserText(view.messages);
  let finishKind: FinishKind = 'stop';
  let stopSequence: string | null = null;
  const stop = firstStop(text, view.stopSequences);
  if (stop !== undefined) {
    text = text.slice(0, stop.index);
    finishKind = 'stop_sequence';
    stopSequence = stop.sequence;
  }
  if (view.maxTokens !== undefined && simulatorTokenCount(text) > view.maxTokens) {
    text = Array.from(text)
      .slice(0, Math.max(0, view.maxTokens) * 4)
      .join('');
    finishKind = 'length';
    stopSequence = null;
  }
  return { text, finishKind, stopSequence };
}

interface ComputedUsage {
  readonly prompt_tokens: number;
  readonly completion_tokens: number;
  readonly reasoning_tokens: number;
}

/** Scripted numbers win field by field; the rest come from the simulator's own counting. */
function resolveUsage(
  scripted: ScriptedUsage | null | undefined,
  computed: ComputedUsage,
): ResolvedUsage | null {
  if (scripted === null) return null;
  return {
    prompt_tokens: scripted?.prompt_tokens ?? computed.prompt_tokens,
    completion_tokens: scripted?.completion_tokens ?? computed.completion_tokens,
    cached_tokens: scripted?.cached_tokens ?? 0,
    cache_write_tokens: scripted?.cache_write_tokens ?? 0,
    reasoning_tokens: scripted?.reasoning_tokens ?? computed.reasoning_tokens,
  };
}

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
