/**
 * The reasoning text of a message or a stream delta from an OpenAI-compatible server: DeepSeek and
 * Qwen send `reasoning_content`; vLLM, OpenRouter and others send `reasoning`. OpenAI itself sends
 * neither (its reasoning stays hidden and is only counted in usage).
 */
export function readReasoningText(messageOrDelta: unknown): string | undefined {
  if (typeof messageOrDelta !== 'object' || messageOrDelta === null) return undefined;
  const fields = messageOrDelta as { reasoning_content?: unknown; reasoning?: unknown };
  if (typeof fields.reasoning_content === 'string') return fields.reasoning_content;
  if (typeof fields.reasoning === 'string') return fields.reasoning;
  return undefined;
}
