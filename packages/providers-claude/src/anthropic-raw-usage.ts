/**
 * The usage object as Anthropic sends it (non-streaming `usage`, `message_start.message.usage` or
 * `message_delta.usage`). Every count may be absent or null; other fields are kept as sent.
 */
export interface AnthropicRawUsage {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  /** The cache writes split by lifetime. */
  cache_creation?: {
    ephemeral_5m_input_tokens?: number | null;
    ephemeral_1h_input_tokens?: number | null;
  } | null;
  output_tokens_details?: { thinking_tokens?: number | null } | null;
}
