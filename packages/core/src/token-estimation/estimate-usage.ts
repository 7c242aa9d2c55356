import type { LLMRequest } from '../schemas/request';
import type { TokenUsage } from '../schemas/token-usage';
import { estimateMessageTokens } from './estimate-message-tokens';
import { estimateTextTokens } from './estimate-text-tokens';

/** What the model produced so far, for estimating its completion tokens. */
export interface GeneratedOutput {
  text?: string;
  reasoning?: string;
  toolCalls?: ReadonlyArray<{ function: { name: string; arguments: string } }>;
}

/**
 * Usage estimated locally when the server reported none (some compatible servers, a stream that
 * broke before its usage chunk, a stream the consumer stopped): tiktoken for OpenAI model families,
 * core's approximation otherwise (`model` picks the tokenizer, e.g. `claude` for Anthropic's ratio).
 * Always flagged `estimated: true`, so nobody mistakes it for billed numbers. The one usage
 * estimator: every provider and the manager call it.
 */
export function estimateUsage(
  request: Pick<LLMRequest, 'messages' | 'tools'>,
  output: GeneratedOutput,
  model: string,
): TokenUsage {
  const prompt = estimateMessageTokens(request.messages, { model, tools: request.tools }).tokens;
  const parts = [
    output.text ?? '',
    output.reasoning ?? '',
    ...(output.toolCalls ?? []).flatMap((call) => [call.function.name, call.function.arguments]),
  ];
  const completion = parts.reduce(
    (sum, part) => sum + (part ? estimateTextTokens(part, model).tokens : 0),
    0,
  );
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    estimated: true,
  };
}
