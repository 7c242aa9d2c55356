import {
  estimateUsage,
  type GeneratedOutput,
  type LLMRequest,
  type Logger,
  type TokenUsage,
} from '@llm/core';
import { normalizeOpenAIUsage } from './normalize-openai-usage';

export interface ResolveUsageOptions {
  request: Pick<LLMRequest, 'messages' | 'tools'>;
  /** The model name estimates use (tiktoken for OpenAI families). */
  estimationModel: string;
  output: GeneratedOutput;
  /** Told when the server sent no usable usage (skipped for servers known to omit it). */
  logger?: Logger;
  providerName?: string;
}

/** The reported usage, normalized; or, when the server sent none, an estimate flagged `estimated`. */
export function resolveUsage(rawUsage: unknown, options: ResolveUsageOptions): TokenUsage {
  const reported = normalizeOpenAIUsage(rawUsage);
  if (reported) return reported;
  options.logger?.warn('The server reported no token usage; using an estimate', {
    provider: options.providerName,
    model: options.estimationModel,
  });
  return estimateUsage(options.request, options.output, options.estimationModel);
}
