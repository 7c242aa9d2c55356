/** What the simulator needs from a chat request, read from either protocol's body. */
export interface ChatRequestView {
  readonly model: string | undefined;
  readonly messages: readonly unknown[];
  /** Anthropic's top-level `system`. */
  readonly system?: unknown;
  readonly tools?: unknown;
  readonly stopSequences: readonly string[];
  readonly maxTokens: number | undefined;
  readonly stream: boolean;
  /** OpenAI `stream_options.include_usage`; Anthropic streams always carry usage. */
  readonly includeUsage: boolean;
}
