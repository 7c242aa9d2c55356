import { approximateTokens } from './approximate-tokens';
import { encodingForModel } from './encoding-for-model';
import { loadTiktoken } from './load-tiktoken';

export interface TokenEstimate {
  tokens: number;
  /** `tiktoken:<encoding>` for exact OpenAI counts, else `approximation`. */
  method: string;
}

const CLAUDE = /claude|anthropic/i;

/** Tokens in `text` for `model`: tiktoken for OpenAI families, the documented approximation otherwise. */
export function estimateTextTokens(text: string, model?: string): TokenEstimate {
  const encoding = encodingForModel(model);
  if (encoding) {
    return {
      tokens: loadTiktoken(encoding).encode(text, 'all').length,
      method: `tiktoken:${encoding}`,
    };
  }
  const charactersPerToken = model && CLAUDE.test(model) ? 3.5 : 4;
  return { tokens: approximateTokens(text, charactersPerToken), method: 'approximation' };
}
