import type { ChatTransform } from '../chat-transform';

/**
 * Moonshot (Kimi) puts the usage of a stream inside its last choice (`choices[0].usage`) instead
 * of at the top level where OpenAI has it; this moves it up so it is read as reported usage.
 */
export const liftChoiceUsage: ChatTransform = {
  name: 'lift-choice-usage',
  description:
    'Reads stream usage from `choices[0].usage` (Moonshot) when the top-level `usage` is absent',
  streamChunk(chunk) {
    if (chunk.usage) return chunk;
    const choice = chunk.choices?.[0] as { usage?: unknown } | undefined;
    return choice?.usage ? { ...chunk, usage: choice.usage } : chunk;
  },
};

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
