import type { SimulatedAnswer } from '../answer/simulated-answer';
import { splitText } from '../answer/split-text';
import { openaiFinishReason } from './openai-finish-reason';
import { SYSTEM_FINGERPRINT, type OpenAIResponseContext } from './openai-response-context';
import { openaiToolCallDeltas } from './openai-tool-call-deltas';
import { openaiUsage } from './openai-usage';

type Chunk = Record<string, unknown>;

/**
 * The `chat.completion.chunk` objects of a streamed answer: a role delta, `reasoning_content`
 * deltas, content deltas, tool-call deltas, the finish chunk, and (only with `include_usage`) a
 * usage chunk with `choices: []`. With `include_usage` every other chunk carries `usage: null`.
 */
export function openaiStreamChunks(
  answer: SimulatedAnswer,
  context: OpenAIResponseContext,
  includeUsage: boolean,
): Chunk[] {
  const chunk = (choices: unknown[]): Chunk => ({
    id: context.id,
    object: 'chat.completion.chunk',
    created: context.created,
    model: context.model,
    system_fingerprint: SYSTEM_FINGERPRINT,
    choices,
    ...(includeUsage ? { usage: null } : {}),
  });
  const delta = (content: Chunk, finishReason: string | null = null): Chunk =>
    chunk([{ index: 0, delta: content, logprobs: null, finish_reason: finishReason }]);

  const onlyToolCalls = answer.text === '' && answer.toolCalls.length > 0;
  const chunks: Chunk[] = [
    delta({ role: 'assistant', content: onlyToolCalls ? null : '', refusal: null }),
  ];
  for (const piece of splitText(answer.reasoning ?? '', answer.chunkSize))
    chunks.push(delta({ reasoning_content: piece }));
  for (const piece of splitText(answer.text, answer.chunkSize))
    chunks.push(delta({ content: piece }));
  for (const toolCall of openaiToolCallDeltas(
    answer.toolCalls,
    answer.chunkSize,
    answer.interleaveToolCalls,
  )) {
    chunks.push(delta({ tool_calls: [toolCall] }));
  }
  chunks.push(delta({}, openaiFinishReason(answer)));
  if (includeUsage && answer.usage !== null)
    chunks.push({ ...chunk([]), usage: openaiUsage(answer.usage) });
  return chunks;
}
