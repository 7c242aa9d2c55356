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
