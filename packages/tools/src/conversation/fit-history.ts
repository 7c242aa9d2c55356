import { LLMError, LLMErrorType, type LLMMessage } from '@llm/core';

/** How a history too long for the window is fitted. */
export type ContextStrategy = 'sliding_window' | 'truncate' | 'summarize';

/** One message of a conversation's history and our marks on it (never sent to the provider). */
export interface HistoryEntry {
  readonly message: LLMMessage;
  /** Stays in every request, whatever the window. */
  readonly keep: boolean;
  /** A summary of earlier turns (the `summarize` strategy's). */
  readonly summary?: boolean;
}

/** Counts the prompt tokens of messages as the model's tokenizer does (tiktoken, or the estimator). */
export type CountTokens = (messages: readonly LLMMessage[]) => number;

/**
 * A history split into what never moves (the system prompt and summaries at the front), the
 * turns (each from a user message to the next), and within a turn its segments: a message alone,
 * or an assistant message with tool calls together with the tool results answering it.
 */
export interface HistoryTurns {
  readonly head: HistoryEntry[];
  readonly turns: HistoryEntry[][][];
}

export function splitTurns(entries: readonly HistoryEntry[]): HistoryTurns {
  const head: HistoryEntry[] = [];
  const turns: HistoryEntry[][][] = [];
  let index = 0;
  while (index < entries.length && entries[index]!.message.role === 'system')
    head.push(entries[index++]!);
  for (; index < entries.length; index++) {
    const entry = entries[index]!;
    const { role } = entry.message;
    if (role === 'user' || turns.length === 0) turns.push([]);
    const turn = turns[turns.length - 1]!;
    const previous = turn[turn.length - 1];
    const answersPrevious =
      role === 'tool' &&
      previous !== undefined &&
      previous.some((item) => (item.message.tool_calls ?? []).length > 0);
    if (answersPrevious) previous.push(entry);
    else turn.push([entry]);
  }
  return { head, turns };
}

const flatten = (turns: HistoryTurns): HistoryEntry[] => [...turns.head, ...turns.turns.flat(2)];

const messagesOf = (entries: readonly HistoryEntry[]) => entries.map((entry) => entry.message);

function windowError(needed: number, budget: number): LLMError {
  return new LLMError({
    type: LLMErrorType.TOKEN_LIMIT_ERROR,
    message: `The conversation does not fit its window: the system prompt, the kept messages and the last turn need ${needed} tokens, the window leaves ${budget} for the prompt (maxContextTokens minus maxOutputTokens); raise maxContextTokens or keep fewer messages`,
    retryable: false,
    code: 'context_window_exceeded',
    details: { needed, budget },
  });
}

/**
 * Drops the oldest turns (all but the last) until the history fits `budget` prompt tokens; kept
 * segments of a dropped turn stay, and a tool call never loses its result. Throws a `token_limit`
 * LLMError when what must stay does not fit.
 */
export function slidingWindow(
  entries: readonly HistoryEntry[],
  budget: number,
  count: CountTokens,
): HistoryEntry[] {
  const split = splitTurns(entries);
  const turns = split.turns.map((turn) => [...turn]);
  let fitted = flatten({ head: split.head, turns });
  for (let oldest = 0; count(messagesOf(fitted)) > budget && oldest < turns.length - 1; oldest++) {
    turns[oldest] = turns[oldest]!.filter((segment) => segment.some((entry) => entry.keep));
    fitted = flatten({ head: split.head, turns });
  }
  const needed = count(messagesOf(fitted));
  if (needed > budget) throw windowError(needed, budget);
  return fitted;
}

const TRUNCATION_MARK = ' …[truncated]';
/** A message is not cut below this many characters; past that, turns are dropped. */
const SHORTEST_CUT = 200;

/**
 * Shortens the longest old messages (not kept, not in the last turn, text content) to half their
 * length, again and again, until the history fits; what is still too long is then fitted by the
 * sliding window.
 */
export function truncateHistory(
  entries: readonly HistoryEntry[],
  budget: number,
  count: CountTokens,
): HistoryEntry[] {
  const split = splitTurns(entries);
  const lastTurn = new Set(split.turns[split.turns.length - 1]?.flat() ?? []);
  let current: HistoryEntry[] = [...entries];
  while (count(messagesOf(current)) > budget) {
    let longest = -1;
    for (let index = 0; index < current.length; index++) {
      const entry = current[index]!;
      const content = entry.message.content;
      if (entry.keep || entry.message.role === 'system' || lastTurn.has(entries[index]!)) continue;
      if (typeof content !== 'string' || content.length <= SHORTEST_CUT) continue;
      const best = longest < 0 ? undefined : (current[longest]!.message.content as string);
      if (best === undefined || content.length > best.length) longest = index;
    }
    if (longest < 0) break;
    const entry = current[longest]!;
    const content = entry.message.content as string;
    const cut = content.slice(
      0,
      Math.max(SHORTEST_CUT, Math.floor(content.length / 2)) - TRUNCATION_MARK.length,
    );
    current = current.map((item, index) =>
      index === longest
        ? { ...entry, message: { ...entry.message, content: cut + TRUNCATION_MARK } }
        : item,
    );
  }
  return slidingWindow(current, budget, count);
}

/**
 * The turns the summarize strategy replaces: the oldest turns (all but the last, without their
 * kept segments) whose removal makes the history fit, or none when it fits already.
 */
export function turnsToSummarize(
  entries: readonly HistoryEntry[],
  budget: number,
  count: CountTokens,
): { readonly summarized: HistoryEntry[]; readonly rest: HistoryEntry[] } {
  const split = splitTurns(entries);
  if (count(messagesOf(entries)) <= budget) return { summarized: [], rest: [...entries] };
  const summarized: HistoryEntry[] = [];
  const turns = split.turns.map((turn) => [...turn]);
  // Room for the summary itself: a quarter of the budget.
  const target = Math.floor(budget * 0.75);
  for (let oldest = 0; oldest < turns.length - 1; oldest++) {
    const removed = turns[oldest]!.filter((segment) => !segment.some((entry) => entry.keep));
    summarized.push(...removed.flat());
    turns[oldest] = turns[oldest]!.filter((segment) => segment.some((entry) => entry.keep));
    if (count(messagesOf(flatten({ head: split.head, turns }))) <= target) break;
  }
  return { summarized, rest: flatten({ head: split.head, turns }) };
}
