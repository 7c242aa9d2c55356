import { contentText, messageText } from './message-text';
import { simulatorTokenCount } from './simulator-token-count';

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
