import { createHash } from 'node:crypto';
import type { SimulatedAnswer } from '../answer/simulated-answer';
import { randomIds } from '../ids/random-ids';

export type ContentBlock =
  | { type: 'thinking'; thinking: string; signature: string }
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id: string; name: string; input: unknown; inputJson: string };

/** A stand-in for Anthropic's opaque thinking signature: stable for the same reasoning text. */
export function thinkingSignature(thinking: string): string {
  const digest = createHash('sha256').update(thinking).digest('hex');
  return Buffer.from(`llm-sim-signature:${digest}`).toString('base64');
}

function parseInput(json: string): unknown {
  try {
    return json.trim() === '' ? {} : JSON.parse(json);
  } catch {
    return {};
  }
}

/** The answer's blocks in Anthropic's order: thinking, text, then one tool_use per call. */
export function anthropicContentBlocks(answer: SimulatedAnswer): ContentBlock[] {
  const blocks: ContentBlock[] = [];
  if (answer.reasoning !== undefined) {
    blocks.push({
      type: 'thinking',
      thinking: answer.reasoning,
      signature: thinkingSignature(answer.reasoning),
    });
  }
  if (answer.text !== '' || answer.toolCalls.length === 0)
    blocks.push({ type: 'text', text: answer.text });
  for (const call of answer.toolCalls) {
    const input = parseInput(call.arguments);
    const emptyInput =
      typeof input === 'object' && input !== null && Object.keys(input).length === 0;
    blocks.push({
      type: 'tool_use',
      id: call.id ?? randomIds.toolUse(),
      name: call.name,
      input,
      inputJson: emptyInput ? '' : call.arguments,
    });
  }
  return blocks;
}
