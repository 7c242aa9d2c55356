import type { OpenAIWireChunk } from '@llm/providers-openai';
import type { ChatTransform, TransformContext } from '../chat-transform';

/** Text split into the part inside the think block and the answer after it. */
export interface SplitText {
  reasoning: string;
  content: string;
}

type Phase = 'before' | 'inside' | 'after';

/**
 * Splits a model's output that begins with `<think>…</think>` into reasoning and answer, fed in
 * pieces as a stream delivers them. A tag cut across two pieces is held back until it is whole.
 * Only a block at the very start (after whitespace) counts: a tag later in the answer is content.
 */
export class ThinkTagSplitter {
  readonly #open: string;
  readonly #close: string;
  #phase: Phase = 'before';
  #pending = '';
  #trimNextContent = false;

  constructor(tag = 'think') {
    this.#open = `<${tag}>`;
    this.#close = `</${tag}>`;
  }

  push(text: string): SplitText {
    this.#pending += text;
    const out: SplitText = { reasoning: '', content: '' };
    if (this.#phase === 'before') this.#readOpening();
    if (this.#phase === 'inside') this.#readInside(out);
    if (this.#phase === 'after') this.#readAfter(out);
    return out;
  }

  /** Whatever is still held back, once the output is complete. */
  flush(): SplitText {
    const rest = this.#pending;
    this.#pending = '';
    if (this.#phase === 'inside') return { reasoning: rest, content: '' };
    this.#phase = 'after';
    return { reasoning: '', content: rest };
  }

  #readOpening(): void {
    const start = this.#pending.trimStart();
    if (start.startsWith(this.#open)) {
      this.#pending = start.slice(this.#open.length);
      this.#phase = 'inside';
    } else if (!this.#open.startsWith(start)) {
      this.#phase = 'after';
    }
  }

  #readInside(out: SplitText): void {
    const end = this.#pending.indexOf(this.#close);
    if (end >= 0) {
      out.reasoning += this.#pending.slice(0, end);
      this.#pending = this.#pending.slice(end + this.#close.length);
      this.#phase = 'after';
      this.#trimNextContent = true;
      return;
    }
    const held = heldBack(this.#pending, this.#close);
    out.reasoning += this.#pending.slice(0, this.#pending.length - held);
    this.#pending = this.#pending.slice(this.#pending.length - held);
  }

  #readAfter(out: SplitText): void {
    let text = this.#pending;
    if (this.#trimNextContent) {
      text = text.trimStart();
      if (text !== '') this.#trimNextContent = false;
    }
    out.content += text;
    this.#pending = '';
  }
}

/** How many trailing characters of `text` could be the start of `tag`. */
function heldBack(text: string, tag: string): number {
  for (let length = Math.min(tag.length - 1, text.length); length > 0; length--) {
    if (text.endsWith(tag.slice(0, length))) return length;
  }
  return 0;
}

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
