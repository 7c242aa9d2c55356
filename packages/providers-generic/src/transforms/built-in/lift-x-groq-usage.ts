import type { ChatTransform } from '../chat-transform';

/**
 * Groq reports a stream's usage in its last chunk under `x_groq.usage`; this copies it to the
 * standard `usage` field when that is absent (a stream that asked for `include_usage` has both).
 */
export const liftXGroqUsage: ChatTransform = {
  name: 'lift-x-groq-usage',
  description: 'Reads stream usage from `x_groq.usage` (Groq) when the top-level `usage` is absent',
  streamChunk(chunk) {
    if (chunk.usage) return chunk;
    const groq = (chunk as { x_groq?: { usage?: unknown } | null }).x_groq;
    return groq?.usage ? { ...chunk, usage: groq.usage } : chunk;
  },
};
