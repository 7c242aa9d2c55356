import { estimateTextTokens, type TokenUsage } from '@llm/core';
import { normalizeOpenAIUsage } from '../response/normalize-openai-usage';

/**
 * The usage of all batches added up. If any batch came back without usage, the whole call is
 * estimated from the inputs instead (flagged), so a partial count never passes for an exact one.
 */
export function sumEmbeddingUsage(
  rawUsages: readonly unknown[],
  inputs: readonly string[],
  estimationModel: string,
): TokenUsage {
  const reported = rawUsages.map(normalizeOpenAIUsage);
  if (reported.length > 0 && reported.every((usage) => usage !== undefined)) {
    const prompt = reported.reduce((sum, usage) => sum + usage!.prompt_tokens, 0);
    const total = reported.reduce((sum, usage) => sum + usage!.total_tokens, 0);
    return { prompt_tokens: prompt, completion_tokens: total - prompt, total_tokens: total };
  }
  const prompt = inputs.reduce(
    (sum, input) => sum + estimateTextTokens(input, estimationModel).tokens,
    0,
  );
  return { prompt_tokens: prompt, completion_tokens: 0, total_tokens: prompt, estimated: true };
}
