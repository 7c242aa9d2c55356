// The simulator's token counting: one rule simple enough that a test computes the numbers it
// expects without a tokenizer, applied to the text OpenAI and Anthropic request shapes carry.

/** A plain object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The simulator's one token rule: a token per 4 Unicode code points, rounded up (`''` is 0).
 * Deliberately simple so a test can compute the numbers it expects without a tokenizer.
 */
export function simulatorTokenCount(text: string): number {
  return Math.ceil(Array.from(text).length / 4);
}

function partText(part: unknown): string {
  if (typeof part === 'string') return part;
  if (!isRecord(part)) return '';
  if (typeof part['text'] === 'string') return part['text'];
  if (part['type'] === 'tool_result') return contentText(part['content']);
  if (part['type'] === 'tool_use')
    return `${String(part['name'])}${JSON.stringify(part['input'] ?? {})}`;
  return ''; // images, documents, thinking blocks: no tokens
}

/** A `content` value as text: a string as is, an array of parts as their texts joined by `\n`. */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map(partText)
    .filter((text) => text !== '')
    .join('\n');
}

/** A message's content text plus, for OpenAI assistant messages, each tool call's name and arguments. */
function messageText(message: unknown): string {
  if (!isRecord(message)) return '';
  const texts = [contentText(message['content'])];
  const toolCalls = message['tool_calls'];
  if (Array.isArray(toolCalls)) {
    for (const call of toolCalls) {
      const called = isRecord(call) && isRecord(call['function']) ? call['function'] : {};
      texts.push(`${String(called['name'] ?? '')}${String(called['arguments'] ?? '')}`);
    }
  }
  return texts.filter((text) => text !== '').join('\n');
}

/** The text of the last message whose role is `user` (`''` when there is none). */
export function lastUserText(messages: readonly unknown[]): string {
  for (let index = messages.length - 1; index >= 0; index -= 1) {
    const message = messages[index];
    if (isRecord(message) && message['role'] === 'user') return contentText(message['content']);
  }
  return '';
}

export interface SimulatorPromptTokenOptions {
  /** Anthropic's top-level `system` (string or text blocks). */
  system?: unknown;
  /** The request's `tools` array, counted as its JSON text. */
  tools?: unknown;
}

/**
 * Prompt tokens the simulator reports for a request:
 * 3 + Σ over messages (4 + tokens of the message text) + (4 + tokens of `system`, when given)
 * + tokens of `JSON.stringify(tools)` (when a non-empty array). Tokens are `simulatorTokenCount`.
 */
export function simulatorPromptTokens(
  messages: readonly unknown[],
  options: SimulatorPromptTokenOptions = {},
): number {
  let total = 3;
  for (const message of messages) total += 4 + simulatorTokenCount(messageText(message));
  if (options.system !== undefined && options.system !== null) {
    total += 4 + simulatorTokenCount(contentText(options.system));
  }
  if (Array.isArray(options.tools) && options.tools.length > 0) {
    total += simulatorTokenCount(JSON.stringify(options.tools));
  }
  return total;
}
