/** Claude facts with no field of their own in LLMResponse, kept in `metadata.extra`. */
export interface AnthropicResponseFacts {
  /** Signatures of the thinking blocks, in order; needed to pass thinking back in a later turn. */
  thinkingSignatures: readonly string[];
  /** The opaque `data` of redacted thinking blocks. */
  redactedThinking: readonly string[];
  stopSequence?: string | null;
  /** Why a refusal happened (category, explanation), as sent. */
  stopDetails?: unknown;
}

/** The `metadata.extra` object for those facts, or undefined when there are none. */
export function anthropicResponseExtra(
  facts: AnthropicResponseFacts,
): Record<string, unknown> | undefined {
  const extra: Record<string, unknown> = {
    ...(facts.thinkingSignatures.length > 0 && {
      thinking_signatures: [...facts.thinkingSignatures],
    }),
    ...(facts.redactedThinking.length > 0 && { redacted_thinking: [...facts.redactedThinking] }),
    ...(facts.stopSequence != null && { stop_sequence: facts.stopSequence }),
    ...(facts.stopDetails != null && { stop_details: facts.stopDetails }),
  };
  return Object.keys(extra).length > 0 ? extra : undefined;
}
