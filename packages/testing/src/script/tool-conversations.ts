// Script steps for the multi-step conversations agents have with a model: the replies a tool
// loop or a structured-output call meets, in order, rendered in each request's own protocol.
import type { ScriptedToolCall, ScriptedUsage, ScriptStep } from '../simulator-types';

/** Which requests the steps answer (default: the next chat or messages requests, any model). */
export type ConversationMatch = ScriptStep['match'];

interface Common {
  readonly match?: ConversationMatch;
  /** Usage of every reply (default: counted by the simulator's token rule). */
  readonly usage?: ScriptedUsage;
}

function step(reply: ScriptStep['reply'], common: Common, times?: number): ScriptStep {
  return {
    ...(common.match && { match: common.match }),
    ...(times !== undefined && { times }),
    reply: { ...reply, ...(common.usage && { usage: common.usage }) },
  };
}

/**
 * The model asks for every call in `calls` at once (parallel tool calls), then, once their results
 * are sent, answers `answer`.
 */
export function toolCallsThenAnswer(
  options: Common & { readonly calls: readonly ScriptedToolCall[]; readonly answer: string },
): ScriptStep[] {
  return [
    step({ tool_calls: [...options.calls] }, options),
    step({ text: options.answer }, options),
  ];
}

/** A model that never stops: every request gets the same tool call again (fresh ids each time). */
export function endlessToolCalls(
  options: Common & { readonly call: ScriptedToolCall },
): ScriptStep[] {
  const { id: _fixedId, ...call } = options.call;
  return [step({ tool_calls: [call] }, options, Infinity)];
}

/**
 * The model calls a tool with arguments that break its schema, then (after the error result)
 * with corrected ones, then answers.
 */
export function invalidThenCorrectedToolCall(
  options: Common & {
    readonly name: string;
    readonly invalid: ScriptedToolCall['arguments'];
    readonly corrected: ScriptedToolCall['arguments'];
    readonly answer: string;
  },
): ScriptStep[] {
  return [
    step({ tool_calls: [{ name: options.name, arguments: options.invalid }] }, options),
    step({ tool_calls: [{ name: options.name, arguments: options.corrected }] }, options),
    step({ text: options.answer }, options),
  ];
}

/**
 * Structured output that fails validation once: the first answer is `invalid` (text, or a value
 * serialized as JSON), the repaired one `repaired`; `as: 'tool'` sends both as calls of `toolName`
 * (a forced tool call) instead of text.
 */
export function invalidThenRepairedJson(
  options: Common & {
    readonly invalid: string | Record<string, unknown>;
    readonly repaired: Record<string, unknown>;
    readonly as?: 'text' | 'tool';
    readonly toolName?: string;
  },
): ScriptStep[] {
  const reply = (value: string | Record<string, unknown>): ScriptStep['reply'] =>
    options.as === 'tool'
      ? { tool_calls: [{ name: options.toolName ?? 'result', arguments: value }] }
      : { text: typeof value === 'string' ? value : JSON.stringify(value) };
  return [step(reply(options.invalid), options), step(reply(options.repaired), options)];
}
