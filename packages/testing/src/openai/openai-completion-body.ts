import type { SimulatedAnswer } from '../answer/simulated-answer';
import { randomIds } from '../ids/random-ids';
import { openaiFinishReason } from './openai-finish-reason';
import { SYSTEM_FINGERPRINT, type OpenAIResponseContext } from './openai-response-context';
import { openaiUsage } from './openai-usage';

/** A `chat.completion` object as the OpenAI API returns it. */
export function openaiCompletionBody(
  answer: SimulatedAnswer,
  context: OpenAIResponseContext,
): Record<string, unknown> {
  const hasToolCalls = answer.toolCalls.length > 0;
  const message: Record<string, unknown> = {
    role: 'assistant',
    content: answer.text === '' && hasToolCalls ? null : answer.text,
    refusal: null,
    annotations: [],
  };
  if (answer.reasoning !== undefined) message['reasoning_content'] = answer.reasoning;
  if (hasToolCalls) {
    message['tool_calls'] = answer.toolCalls.map((call) => ({
      id: call.id ?? randomIds.toolCall(),
      type: 'function',
      function: { name: call.name, arguments: call.arguments },
    }));
  }
  return {
    id: context.id,
    object: 'chat.completion',
    created: context.created,
    model: context.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: openaiFinishReason(answer) }],
    ...(answer.usage === null ? {} : { usage: openaiUsage(answer.usage) }),
    service_tier: 'default',
    system_fingerprint: SYSTEM_FINGERPRINT,
  };
}
