import type { OpenAIWireChunk } from '@llm/providers-openai';
import type { ChatTransform, TransformContext } from '../chat-transform';
import { ThinkTagSplitter } from './think-tag-splitter';

const tagOf = (context: TransformContext) =>
  typeof context.settings === 'string' && context.settings !== '' ? context.settings : 'think';

function splitterOf(context: TransformContext): ThinkTagSplitter {
  let splitter = context.state.get('splitter') as ThinkTagSplitter | undefined;
  if (!splitter) {
    splitter = new ThinkTagSplitter(tagOf(context));
    context.state.set('splitter', splitter);
  }
  return splitter;
}

type Delta = NonNullable<NonNullable<OpenAIWireChunk['choices']>[number]['delta']>;

function withReasoning(delta: Delta, reasoning: string, content: string): Delta {
  const earlier = typeof delta['reasoning_content'] === 'string' ? delta['reasoning_content'] : '';
  return {
    ...delta,
    content,
    ...(reasoning || earlier ? { reasoning_content: earlier + reasoning } : {}),
  };
}

/**
 * Models served without a reasoning parser (DeepSeek-R1 and QwQ distills on vLLM, Ollama, Together)
 * write their reasoning inline as `<think>…</think>` before the answer; this moves it to
 * `reasoning_content`, so it arrives as `reasoning-delta` chunks and `response.reasoning`.
 * `options.think-tags-to-reasoning = "reasoning"` uses another tag name.
 */
export const thinkTagsToReasoning: ChatTransform = {
  name: 'think-tags-to-reasoning',
  description: 'Moves a leading `<think>…</think>` block from the content to the reasoning',
  streamChunk(chunk, context) {
    const [choice, ...others] = chunk.choices ?? [];
    if (!choice) return chunk;
    const delta = choice.delta ?? {};
    const splitter = splitterOf(context);
    const parts = typeof delta.content === 'string' ? splitter.push(delta.content) : undefined;
    const rest = choice.finish_reason ? splitter.flush() : undefined;
    if (!parts && !rest) return chunk;
    const reasoning = (parts?.reasoning ?? '') + (rest?.reasoning ?? '');
    const content = (parts?.content ?? '') + (rest?.content ?? '');
    return {
      ...chunk,
      choices: [{ ...choice, delta: withReasoning(delta, reasoning, content) }, ...others],
    };
  },
  response(body, context) {
    const choices = (body as { choices?: unknown })?.choices;
    if (!Array.isArray(choices)) return body;
    return {
      ...(body as object),
      choices: choices.map((choice: { message?: Record<string, unknown> }) => {
        const message = choice?.message;
        if (typeof message?.['content'] !== 'string' || message['reasoning_content']) return choice;
        const splitter = new ThinkTagSplitter(tagOf(context));
        const first = splitter.push(message['content']);
        const last = splitter.flush();
        const reasoning = first.reasoning + last.reasoning;
        if (!reasoning) return choice;
        return {
          ...choice,
          message: {
            ...message,
            content: first.content + last.content,
            reasoning_content: reasoning,
          },
        };
      }),
    };
  },
};
