import { LLMErrorType } from '@llm/core';
import type { OpenAIErrorRule } from '@llm/providers-openai';

/**
 * Error-table rows compatible services need beyond OpenAI's table, tried first. 402 is how
 * DeepSeek ("Insufficient Balance") and OpenRouter (credits exhausted) say the account is empty:
 * like OpenAI's `insufficient_quota`, a rate limit that waiting does not lift.
 */
export const GENERIC_ERROR_RULES: readonly OpenAIErrorRule[] = [
  {
    name: 'payment required',
    matches: (facts) => facts.status === 402,
    type: LLMErrorType.RATE_LIMIT_ERROR,
    retryable: false,
    details: () => ({ reason: 'insufficient_balance' }),
  },
];
