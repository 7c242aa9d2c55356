import type { TokenUsage } from '@llm/core';
import { formatMoney } from './table-output';

/** The line after an answer: model, tokens and cost. */
export function usageLine(model: string, usage: TokenUsage): string {
  return (
    `[${model}] ${usage.prompt_tokens} prompt + ${usage.completion_tokens} completion tokens` +
    `${usage.estimated ? ' (estimated)' : ''}, cost ${formatMoney(usage.cost, usage.currency)}`
  );
}
