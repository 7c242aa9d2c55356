// The text a message carries, read the same way from OpenAI and Anthropic request shapes.

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
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
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map(partText)
    .filter((text) => text !== '')
    .join('\n');
}

/** A message's content text plus, for OpenAI assistant messages, each tool call's name and arguments. */
export function messageText(message: unknown): string {
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

export { isRecord };
