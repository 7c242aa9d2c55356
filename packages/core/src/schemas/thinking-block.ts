import * as z from './zod-subset';

/** A thinking block as Claude sent it: the reasoning text and its opaque signature. */
export const LLMThinkingContentBlockSchema = z.object({
  type: z.literal('thinking'),
  thinking: z.string(),
  signature: z.string(),
});

/** Thinking Claude's safety systems encrypted: only the opaque `data` is sent. */
export const LLMRedactedThinkingBlockSchema = z.object({
  type: z.literal('redacted_thinking'),
  data: z.string(),
});

/**
 * One block of Anthropic extended thinking of an assistant turn, kept exactly as received so it can
 * be passed back unchanged in later requests (the API requires it when thinking and tools are used
 * together); other providers ignore it.
 */
export const LLMThinkingBlockSchema = z.discriminatedUnion('type', [
  LLMThinkingContentBlockSchema,
  LLMRedactedThinkingBlockSchema,
]);
export type LLMThinkingBlock = z.output<typeof LLMThinkingBlockSchema>;
